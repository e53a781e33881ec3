// Plain-directory sources rendered through renderSource: file selection, parsing, tracking, errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSource, RenderError, TRACKING_ANNOTATION } from '../../../engine/render/index.ts';
import type { KubeObject, RenderContext } from '../../../engine/render/index.ts';
import { makeWorkspace, treeDigest, type Workspace } from '../../fixtures/render/workspace.ts';

const context: RenderContext = { appName: 'shop', destinationNamespace: 'shop-prod' };
let ws: Workspace;

beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

const ids = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

async function render(directory: object = {}, path = 'plain') {
  return renderSource({ path, directory }, ws.repo, context, { cacheDir: ws.cacheDir });
}

describe('plain directory', () => {
  it('reads YAML and JSON of the folder only, skipping empty documents, non-manifests and marked files', async () => {
    const result = await render();
    expect(result.sourceType).toBe('Directory');
    expect(result.toolVersions).toEqual({});
    expect(ids(result.objects)).toEqual(['ConfigMap/app-config', 'Service/web', 'Namespace/team-a']);
  });

  it('recurses into sub-folders (not hidden ones), flattening a kind: List', async () => {
    const result = await render({ recurse: true });
    expect(ids(result.objects)).toEqual([
      'ConfigMap/app-config',
      'Service/web',
      'Namespace/team-a',
      'ClusterRole/reader',
      'ServiceAccount/reader',
      'Deployment/web',
    ]);
  });

  it('applies include and exclude like Argo CD: * crosses folders, {a,b} lists alternatives', async () => {
    const included = await render({ recurse: true, include: '{app.yaml,*.json}' });
    expect(ids(included.objects)).toEqual(['ConfigMap/app-config', 'Service/web', 'Deployment/web']);
    const excluded = await render({ recurse: true, exclude: 'sub/*' });
    expect(ids(excluded.objects)).toEqual(['ConfigMap/app-config', 'Service/web', 'Namespace/team-a']);
  });

  it('tracks every object and puts namespaced objects without a namespace into the destination', async () => {
    const { objects } = await render({ recurse: true });
    const byId = Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
    expect(byId['ConfigMap/app-config']?.metadata.namespace).toBe('shop-prod');
    expect(byId['Service/web']?.metadata.namespace).toBe('explicit-ns');
    expect(byId['Namespace/team-a']?.metadata.namespace).toBeUndefined();
    // Argo CD's tracking id carries the destination namespace for cluster-scoped objects too
    expect(byId['ClusterRole/reader']?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe(
      'shop:rbac.authorization.k8s.io/ClusterRole:shop-prod/reader',
    );
    expect(byId['Deployment/web']?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe(
      'shop:apps/Deployment:shop-prod/web',
    );
    expect(byId['Service/web']?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe(
      'shop:/Service:explicit-ns/web',
    );
  });

  it('asks the discovery callback whether a kind is namespaced', async () => {
    const clusterWide = { ...context, isNamespaced: (_group: string, kind: string) => kind !== 'ConfigMap' };
    const { objects } = await renderSource({ path: 'plain' }, ws.repo, clusterWide, {
      cacheDir: ws.cacheDir,
    });
    const configMap = objects.find((o) => o.kind === 'ConfigMap');
    expect(configMap?.metadata.namespace).toBeUndefined();
    expect(configMap?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe(
      'shop:/ConfigMap:shop-prod/app-config',
    );
  });

  it('names the file and line of a manifest that does not parse', async () => {
    await mkdir(join(ws.repo, 'bad'));
    await writeFile(
      join(ws.repo, 'bad', 'ok.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n',
    );
    await writeFile(
      join(ws.repo, 'bad', 'broken.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: [1, 2\n  b: c\n',
    );
    const error = await render({}, 'bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).file).toBe(join('bad', 'broken.yaml'));
    expect((error as RenderError).message).toMatch(/^bad\/broken\.yaml line [67]: /);
  });

  it('refuses a manifest without a kind, and jsonnet whose output is no Kubernetes object', async () => {
    await mkdir(join(ws.repo, 'odd'));
    await writeFile(join(ws.repo, 'odd', 'a.yaml'), 'apiVersion: v1\nmetadata:\n  name: x\nkind:\n');
    await expect(render({}, 'odd')).rejects.toThrow(/odd\/a\.yaml line 1: Object 'kind' is missing/);
    await writeFile(join(ws.repo, 'odd', 'a.yaml'), '{}\n');
    await writeFile(join(ws.repo, 'odd', 'b.jsonnet'), '{}');
    await expect(render({}, 'odd')).rejects.toThrow(
      /Failed to unmarshal generated json "odd\/b\.jsonnet": the output: Object 'apiVersion' is missing/,
    );
  });

  it('leaves the checkout exactly as it was', async () => {
    const before = await treeDigest(ws.repo);
    await render({ recurse: true });
    expect(await treeDigest(ws.repo)).toBe(before);
  });
});

describe('paths stay inside the repository', () => {
  it('refuses an app path with .. or an absolute path', async () => {
    await expect(render({}, '../values-repo')).rejects.toThrow(
      'app path ../values-repo points outside the repository',
    );
    await expect(render({}, ws.valuesRepo)).rejects.toThrow(/is absolute/);
    await expect(render({}, 'missing')).rejects.toThrow('app path missing does not exist in the repository');
  });

  it('refuses a repository holding a symlink that leads outside it', async () => {
    await symlink(join(ws.valuesRepo, 'env', 'prod.yaml'), join(ws.repo, 'plain', 'stolen.yaml'));
    const error = await render().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toBe(
      'the repository holds a symlink pointing outside it: plain/stolen.yaml',
    );
  });

  it('refuses an app path that is a symlink out of the repository', async () => {
    await symlink(ws.valuesRepo, join(ws.repo, 'elsewhere'));
    await expect(render({}, 'elsewhere')).rejects.toThrow(
      'app path elsewhere leads outside the repository through a symlink',
    );
  });

  it('follows a symlink that stays inside the repository', async () => {
    await symlink(join(ws.repo, 'plain', 'namespace.yml'), join(ws.repo, 'plain', 'sub', 'linked.yaml'));
    const { objects } = await render({ recurse: true, include: 'sub/linked.yaml' });
    expect(ids(objects)).toEqual(['Namespace/team-a']);
  });
});

describe('plain directory: duplicate mapping keys', () => {
  const duplicated = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: twice',
    'data:',
    '  color: red',
    '  color: blue',
    '',
  ].join('\n');

  it('renders the last value, as Argo CD does, and warns naming the file, the key and the lines', async () => {
    await mkdir(join(ws.repo, 'dup'));
    await writeFile(join(ws.repo, 'dup', 'cm.yaml'), duplicated);
    const result = await render({}, 'dup');
    expect(ids(result.objects)).toEqual(['ConfigMap/twice']);
    expect(result.objects[0]?.data).toEqual({ color: 'blue' });
    expect(result.warnings).toEqual([
      'dup/cm.yaml: document 1: mapping key "color" is given more than once (lines 6 and 7); the last value is used, as Argo CD does',
    ]);
    const clean = await render();
    expect(clean.warnings).toEqual([]);
  });

  it('keeps the warnings in the render cache', async () => {
    await mkdir(join(ws.repo, 'dup'));
    await writeFile(join(ws.repo, 'dup', 'cm.yaml'), duplicated);
    const options = { cacheDir: ws.cacheDir, commitSha: 'a'.repeat(40) };
    const first = await renderSource({ path: 'dup' }, ws.repo, context, options);
    const cached = await renderSource({ path: 'dup' }, ws.repo, context, options);
    expect(cached.fromCache).toBe(true);
    expect(cached.warnings).toEqual(first.warnings);
    expect(cached.warnings).toHaveLength(1);
    // An entry written before renders carried warnings reads as a render without any.
    const [entry = ''] = await readdir(join(ws.cacheDir, 'render'));
    const file = join(ws.cacheDir, 'render', entry);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { render: Record<string, unknown> };
    delete stored.render.warnings;
    await writeFile(file, JSON.stringify(stored));
    const old = await renderSource({ path: 'dup' }, ws.repo, context, options);
    expect(old).toMatchObject({ fromCache: true, warnings: [] });
  });
});
