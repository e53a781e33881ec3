// Helm sources rendered with the real helm, resolved as production resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  renderSource,
  renderSources,
  RenderError,
  TRACKING_ANNOTATION,
} from '../../../engine/render/index.ts';
import type { KubeObject, RenderContext, RenderSource } from '../../../engine/render/index.ts';
import { toolInvocations } from '../../../engine/tools/index.ts';
import { makeWorkspace, treeDigest, type Workspace } from '../../fixtures/render/workspace.ts';

const context: RenderContext = { appName: 'shop', destinationNamespace: 'shop-prod', kubeVersion: 'v1.31.2' };
let ws: Workspace;

beforeAll(async () => {
  ws = await makeWorkspace();
});
afterAll(() => ws.cleanup());

const find = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind);
const settings = (objects: KubeObject[]) => find(objects, 'ConfigMap')?.data as Record<string, string>;
const helmRuns = () => toolInvocations().helm ?? 0;

function render(source: RenderSource, extra: { commitSha?: string; hardRefresh?: boolean } = {}) {
  return renderSource(source, ws.repo, context, { cacheDir: ws.cacheDir, ...extra });
}

describe('helm charts in git', () => {
  it('renders with the app name as release, the destination namespace and the CRDs', async () => {
    const before = await treeDigest(ws.repo);
    const phases: string[] = [];
    const result = await renderSource({ path: 'charts/api' }, ws.repo, context, {
      cacheDir: ws.cacheDir,
      onProgress: (progress) => phases.push(progress.phase),
    });
    expect(phases).toEqual(['prepare', 'tools', 'render', 'done']);
    expect(result.sourceType).toBe('Helm');
    expect(result.toolVersions.helm).toMatch(/^v\d+\./);
    expect(result.objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'CustomResourceDefinition',
      'Deployment',
    ]);
    const deployment = find(result.objects, 'Deployment');
    expect(deployment?.metadata.name).toBe('shop-api');
    expect(deployment?.metadata.namespace).toBe('shop-prod');
    expect(deployment?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe(
      'shop:apps/Deployment:shop-prod/shop-api',
    );
    expect(
      find(result.objects, 'CustomResourceDefinition')?.metadata.annotations?.[TRACKING_ANNOTATION],
    ).toBe('shop:apiextensions.k8s.io/CustomResourceDefinition:shop-prod/widgets.example.com');
    expect(settings(result.objects)).toMatchObject({
      greeting: 'hello',
      kubeVersion: 'v1.31.2',
      widgets: 'absent',
    });
    expect(await treeDigest(ws.repo)).toBe(before);
  });

  it('applies value files, inline values, valuesObject, parameters and cluster API versions in order', async () => {
    const result = await renderSource(
      {
        path: 'charts/api',
        helm: {
          releaseName: 'api',
          valueFiles: ['values-prod.yaml', '/envs/shared.yaml'],
          values: 'greeting: from-values-string\nextra: string',
          parameters: [
            { name: 'image.tag', value: '9.9.9' },
            { name: 'extra', value: '1,2', forceString: true },
          ],
          skipCrds: true,
        },
      },
      ws.repo,
      { ...context, apiVersions: ['example.com/v1/Widget'] },
      { cacheDir: ws.cacheDir },
    );
    expect(result.objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment']);
    const deployment = find(result.objects, 'Deployment') as KubeObject & {
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(deployment.metadata.name).toBe('api-api');
    expect(deployment.metadata.labels).toMatchObject({ environment: 'prod', replicas: '4' });
    expect(deployment.spec.template.spec.containers[0]?.image).toBe('example/api:9.9.9');
    expect(settings(result.objects)).toMatchObject({
      greeting: 'from-values-string',
      extra: '1,2',
      widgets: 'available',
    });

    const fromObject = await render({
      path: 'charts/api',
      helm: { values: 'greeting: ignored', valuesObject: { greeting: 'from-object' } },
    });
    expect(settings(fromObject.objects).greeting).toBe('from-object');
  });

  it("turns a failing chart into helm's own message", async () => {
    const error = await render({ path: 'charts/broken' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).tool).toBe('helm');
    expect((error as RenderError).message).toMatch(
      /^render helm chart charts\/broken: Error: .*broken chart: \.Values\.name is required/,
    );
  });

  it('skips missing value files only when told to', async () => {
    await expect(
      render({ path: 'charts/api', helm: { valueFiles: ['values-staging.yaml'] } }),
    ).rejects.toThrow('value file values-staging.yaml does not exist');
    const result = await render({
      path: 'charts/api',
      helm: { valueFiles: ['values-staging.yaml'], ignoreMissingValueFiles: true },
    });
    expect(settings(result.objects).greeting).toBe('hello');
  });

  it('builds a file:// dependency that charts/ lacks into a copy, leaving the checkout as it was', async () => {
    await writeFile(
      join(ws.repo, 'charts', 'broken', 'Chart.yaml'),
      'apiVersion: v2\nname: broken\nversion: 0.1.0\ndependencies:\n  - name: api\n    version: 0.3.0\n    repository: file://../api\n',
    );
    const before = await treeDigest(ws.repo);
    const result = await render({ path: 'charts/broken', helm: { values: 'name: fixed' } });
    expect(find(result.objects, 'Deployment')?.metadata.name).toBe('shop-api');
    expect(await treeDigest(ws.repo)).toBe(before);
  });

  it('refuses a value file outside the repository', async () => {
    await expect(
      render({ path: 'charts/api', helm: { valueFiles: ['../../../values-repo/env/prod.yaml'] } }),
    ).rejects.toThrow(/points outside the repository/);
  });
});

describe('multiple sources', () => {
  it('reads $values/... files from the checkout of the source with that ref', async () => {
    const { objects, sources } = await renderSources(
      [
        { repoURL: 'https://git.example/values.git', ref: 'values' },
        {
          repoURL: 'https://git.example/app.git',
          path: 'charts/api',
          helm: { valueFiles: ['$values/env/prod.yaml'] },
        },
        { repoURL: 'https://git.example/app.git', path: 'plain' },
      ],
      [{ dir: ws.valuesRepo, commitSha: 'v1' }, { dir: ws.repo, commitSha: 'a1' }, { dir: ws.repo }],
      context,
      { cacheDir: ws.cacheDir },
    );
    expect(sources.map((s) => s?.sourceType)).toEqual([undefined, 'Helm', 'Directory']);
    expect(settings(objects).greeting).toBe('from-the-values-repo');
    expect(find(objects, 'Deployment')?.metadata.labels?.replicas).toBe('7');
    expect(objects.some((o) => o.kind === 'Namespace')).toBe(true);
  });
});

describe('render cache', () => {
  it('serves a repeated render without running helm, and hard refresh renders again', async () => {
    const commitSha = randomUUID();
    const source = { path: 'charts/api', helm: { valueFiles: ['values-prod.yaml'] } };
    const first = await render(source, { commitSha });
    expect(first.fromCache).toBe(false);
    const runs = helmRuns();
    const second = await render(source, { commitSha });
    expect(second.fromCache).toBe(true);
    expect(helmRuns()).toBe(runs);
    expect(second.objects).toEqual(first.objects);
    expect(await readdir(join(ws.cacheDir, 'render'))).not.toHaveLength(0);

    const changedSpec = await render({ ...source, helm: { valueFiles: [] } }, { commitSha });
    expect(changedSpec.fromCache).toBe(false);
    expect(helmRuns()).toBe(runs + 1);
    const hard = await render(source, { commitSha, hardRefresh: true });
    expect(hard.fromCache).toBe(false);
    expect(helmRuns()).toBe(runs + 2);
  });

  it('does not cache a render whose commit is unknown', async () => {
    await render({ path: 'charts/api' });
    const runs = helmRuns();
    await render({ path: 'charts/api' });
    expect(helmRuns()).toBe(runs + 1);
  });
});
