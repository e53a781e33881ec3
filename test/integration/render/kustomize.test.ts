// Kustomize sources rendered with the real kustomize (kubectl's, or a standalone one on the PATH).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSource, RenderError, TRACKING_ANNOTATION } from '../../../engine/render/index.ts';
import type { KubeObject, RenderContext, RenderSource } from '../../../engine/render/index.ts';
import { makeWorkspace, treeDigest, type Workspace } from '../../fixtures/render/workspace.ts';
import type { Workload } from '../../fixtures/render/kustomizeFiles.ts';

const context: RenderContext = { appName: 'shop', destinationNamespace: 'shop-prod' };
let ws: Workspace;

beforeAll(async () => {
  ws = await makeWorkspace();
});
afterAll(() => ws.cleanup());

const render = (source: RenderSource) => renderSource(source, ws.repo, context, { cacheDir: ws.cacheDir });
const deploymentOf = (objects: KubeObject[]) => objects.find((o) => o.kind === 'Deployment') as Workload;

describe('kustomize', () => {
  it('builds an overlay over its base as is', async () => {
    const result = await render({ path: 'kustomize/overlays/prod' });
    expect(result.sourceType).toBe('Kustomize');
    expect(Object.keys(result.toolVersions)).toEqual([expect.stringMatching(/^(kubectl|kustomize)$/)]);
    const deployment = deploymentOf(result.objects);
    expect(deployment.metadata.name).toBe('api');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.namespace).toBe('shop-prod');
    expect(deployment.metadata.annotations?.[TRACKING_ANNOTATION]).toBe('shop:apps/Deployment:shop-prod/api');
  });

  it("applies the source's images, name prefix and suffix, namespace, labels, annotations and replicas", async () => {
    const before = await treeDigest(ws.repo);
    const result = await render({
      path: 'kustomize/overlays/prod',
      kustomize: {
        images: ['example/api=registry.local:5000/api:2.0.0'],
        namePrefix: 'blue-',
        nameSuffix: '-v2',
        namespace: 'payments',
        commonLabels: { team: 'payments' },
        commonAnnotations: { 'example.com/owner': 'payments' },
        replicas: [{ name: 'api', count: 5 }],
      },
    });
    const deployment = deploymentOf(result.objects);
    expect(deployment.metadata.name).toBe('blue-api-v2');
    expect(deployment.metadata.namespace).toBe('payments');
    expect(deployment.metadata.labels).toMatchObject({ team: 'payments' });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'api', team: 'payments' });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ team: 'payments' });
    expect(deployment.metadata.annotations).toMatchObject({ 'example.com/owner': 'payments' });
    expect(deployment.spec.template.spec.containers[0]?.image).toBe('registry.local:5000/api:2.0.0');
    expect(deployment.spec.replicas).toBe(5);
    const service = result.objects.find((o) => o.kind === 'Service');
    expect(service?.metadata.name).toBe('blue-api-v2');
    expect(service?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe('shop:/Service:payments/blue-api-v2');
    // The checkout is never written to: the options live in an overlay elsewhere.
    expect(await treeDigest(ws.repo)).toBe(before);
  });

  it("turns a kustomize failure into kustomize's own message", async () => {
    await writeFile(
      join(ws.repo, 'kustomize', 'base', 'kustomization.yaml'),
      'resources:\n  - deployment.yaml\n  - missing.yaml\n',
    );
    const error = await render({ path: 'kustomize/base' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toMatch(/^render kustomization kustomize\/base: .*missing\.yaml/);
  });
});
