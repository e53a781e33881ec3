// Parity with Argo CD's own procedure, where a standalone kustomize (with `edit`) is available:
// each case is rendered by Plumbline and, on a copy of the repository, the way Argo CD's repo
// server does it — `kustomize edit set|add ...` in the application folder, patches appended to the
// file, then `kustomize build` — and the objects must be equal. Both sides use the same binary, so
// only the editing differs. Without a standalone kustomize on the PATH (kubectl has no `edit`) the
// file is skipped, saying so.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderSource, TRACKING_ANNOTATION } from '../../../engine/render/index.ts';
import type { KubeObject, KustomizeSourceOptions } from '../../../engine/render/index.ts';
import { argoBuildEnv, argoEnvsubst } from '../../../engine/render/envsubst.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import { FIXTURES } from '../../fixtures/render/workspace.ts';

const kustomize = await resolveTool('kustomize').catch(() => undefined);
const COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';
const context = { appName: 'shop', destinationNamespace: 'shop-prod', projectName: 'retail' };
const source = {
  repoURL: 'https://git.example.test/shop.git',
  path: 'kustomize/overlays/prod',
  targetRevision: 'main',
};
const env = argoBuildEnv({ ...context, ...source, revision: COMMIT });

const run = promisify(execFile);

async function edit(dir: string, ...args: string[]): Promise<void> {
  await run((kustomize as { path: string }).path, args, { cwd: dir });
}

/** Argo CD's util/kustomize Build, step by step, on `repo` (a copy). */
async function argoRender(repo: string, options: KustomizeSourceOptions): Promise<KubeObject[]> {
  const dir = join(repo, source.path);
  if (options.namePrefix) await edit(dir, 'edit', 'set', 'nameprefix', '--', options.namePrefix);
  if (options.nameSuffix) await edit(dir, 'edit', 'set', 'namesuffix', '--', options.nameSuffix);
  if (options.images?.length)
    await edit(dir, 'edit', 'set', 'image', ...options.images.map((i) => argoEnvsubst(i, env)));
  if (options.replicas?.length)
    await edit(
      dir,
      'edit',
      'set',
      'replicas',
      ...options.replicas.map((r) => `${r.name}=${Number(r.count)}`),
    );
  const pairs = (map: Record<string, string>, substitute: boolean) =>
    Object.entries(map).map(([k, v]) => `${k}:${substitute ? argoEnvsubst(v, env) : v}`);
  if (options.commonLabels) {
    const flags = [
      ...(options.forceCommonLabels ? ['--force'] : []),
      ...(options.labelWithoutSelector ? ['--without-selector'] : []),
      ...(options.labelIncludeTemplates ? ['--include-templates'] : []),
    ];
    await edit(dir, 'edit', 'add', 'label', ...flags, ...pairs(options.commonLabels, true));
  }
  if (options.commonAnnotations) {
    const flags = options.forceCommonAnnotations ? ['--force'] : [];
    const values = pairs(options.commonAnnotations, options.commonAnnotationsEnvsubst ?? false);
    await edit(dir, 'edit', 'add', 'annotation', ...flags, ...values);
  }
  if (options.namespace) await edit(dir, 'edit', 'set', 'namespace', '--', options.namespace);
  if (options.patches?.length) {
    const file = join(dir, 'kustomization.yaml');
    const doc = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    doc.patches = [...((doc.patches as unknown[]) ?? []), ...options.patches];
    await writeFile(file, JSON.stringify(doc));
  }
  if (options.components?.length) await edit(dir, 'edit', 'add', 'component', ...options.components);
  const { stdout } = await run((kustomize as { path: string }).path, ['build', dir], { maxBuffer: 1 << 26 });
  // Plumbline's tracking puts namespaced objects into the destination namespace, as Argo CD's controller does.
  return parseAllDocuments(stdout).map((d) => {
    const object = d.toJS() as KubeObject;
    return {
      ...object,
      metadata: { ...object.metadata, namespace: object.metadata.namespace ?? 'shop-prod' },
    };
  });
}

function untracked(objects: KubeObject[]): KubeObject[] {
  return objects.map((object) => {
    const annotations = { ...object.metadata.annotations };
    delete annotations[TRACKING_ANNOTATION];
    const metadata: KubeObject['metadata'] = { ...object.metadata, annotations };
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    return { ...object, metadata };
  });
}

const CASES: Array<[string, KustomizeSourceOptions]> = [
  ['name prefix and suffix', { namePrefix: 'p-', nameSuffix: '-s' }],
  [
    'images, substituted and preserved',
    { images: ['example/api=*:${ARGOCD_APP_REVISION_SHORT_8}', 'busybox:1'] },
  ],
  ['replicas', { replicas: [{ name: 'api', count: '4' }] }],
  [
    'labels with selectors, forced',
    { commonLabels: { app: 'x', team: '${ARGOCD_APP_NAME}' }, forceCommonLabels: true },
  ],
  [
    'labels without selectors, templates',
    { commonLabels: { tier: 'web' }, labelWithoutSelector: true, labelIncludeTemplates: true },
  ],
  [
    'annotations substituted',
    {
      commonAnnotations: { a: '$ARGOCD_APP_PROJECT_NAME', b: '$$x${HOME}' },
      commonAnnotationsEnvsubst: true,
    },
  ],
  ['namespace', { namespace: 'other' }],
  [
    'patches',
    {
      patches: [
        { target: { kind: 'Service' }, patch: '- op: replace\n  path: /spec/ports/0/port\n  value: 81' },
      ],
    },
  ],
  ['everything', { namePrefix: 'a-', images: ['example/api:9'], commonLabels: { z: 'z' }, namespace: 'n' }],
];

describe.skipIf(!kustomize)('kustomize options: same objects as Argo CD’s kustomize edit sequence', () => {
  it.each(CASES)('%s', async (_name, options) => {
    const root = await mkdtemp(join(tmpdir(), 'plumbline-kustomize-parity-'));
    try {
      for (const side of ['ours', 'argo'])
        await cp(join(FIXTURES, 'repo'), join(root, side), { recursive: true });
      const ours = await renderSource({ ...source, kustomize: options }, join(root, 'ours'), context, {
        cacheDir: join(root, 'cache'),
        commitSha: COMMIT,
        toolSettings: { kustomize: kustomize?.path },
      });
      expect(untracked(ours.objects)).toEqual(await argoRender(join(root, 'argo'), options));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
