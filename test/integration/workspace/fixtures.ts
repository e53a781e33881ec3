// Temporary workspace folders for the workspace tests, with a few Argo CD definitions to fill them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder holding `files` (relative path → content), removed after the test. */
export async function makeWorkspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plumbline-ws-'));
  created.push(dir);
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

export function appYaml(name: string, options: { project?: string; path?: string } = {}): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
spec:
  project: ${options.project ?? 'default'}
  source:
    repoURL: https://example.test/org/gitops.git
    targetRevision: HEAD
    path: ${options.path ?? name}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
`;
}

export function projectYaml(name: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${name}
spec:
  sourceRepos: ['*']
  destinations:
    - server: '*'
      namespace: '*'
`;
}
