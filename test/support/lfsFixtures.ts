// Repositories whose manifests are Git LFS files: one made with git-lfs itself (to push to a
// real LFS server), and the pointer text alone (what a checkout without git-lfs sees).
import { mkdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { git } from './gitFixtures.ts';

export const LFS_MANIFEST =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-lfs\ndata:\n  stored: in-lfs\n';
export const LFS_ATTRIBUTES = 'deploy/configmap.yaml filter=lfs diff=lfs merge=lfs -text\n';
const PLAIN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n';

/** The pointer git-lfs stores for `content`. */
export function lfsPointerText(content: string): string {
  const oid = createHash('sha256').update(content).digest('hex');
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${Buffer.byteLength(content)}\n`;
}

/**
 * A working repository (branch main, one commit) whose deploy/configmap.yaml is tracked by LFS
 * (git-lfs installed into it: its pre-push hook uploads the object on push) beside a plain file.
 */
export async function makeLfsRepository(parent: string, name: string): Promise<string> {
  const work = join(parent, name);
  await mkdir(join(work, 'deploy'), { recursive: true });
  await git(work, 'init', '--quiet');
  await git(work, 'lfs', 'install', '--local');
  await writeFile(join(work, '.gitattributes'), LFS_ATTRIBUTES);
  await writeFile(join(work, 'deploy/configmap.yaml'), LFS_MANIFEST);
  await writeFile(join(work, 'deploy/plain.yaml'), PLAIN);
  await git(work, 'add', '--all');
  await git(work, 'commit', '--quiet', '-m', 'manifests in LFS');
  return work;
}

/** The files of a commit whose deploy/configmap.yaml is an LFS pointer (committed as text, no git-lfs). */
export function pointerFiles(): Record<string, string> {
  return {
    '.gitattributes': LFS_ATTRIBUTES,
    'deploy/configmap.yaml': lfsPointerText(LFS_MANIFEST),
    'deploy/plain.yaml': PLAIN,
  };
}
