// Discovery (server version, preferred versions, a CRD created during the test, also picked up
// by a live cache that was already asking for its kind) and the server-side-apply dry run.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRunApply } from '../../../engine/cluster/dryRunApply.ts';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { clientsOf, connect, deployment, plain, testNamespace, until } from './liveTestKit.ts';

const ns = testNamespace('dryrun');
const connection = connect('plumbline-a');
const group = `e2e-${randomBytes(3).toString('hex')}.plumbline.dev`;
const crdName = `widgets.${group}`;
const extensions = connection.kubeConfig.makeApiClient(k8s.ApiextensionsV1Api);
const objects = connection.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
const cache = new LiveCache(connection, { backoff: { initialMs: 200, maxMs: 1_000 } });

afterAll(async () => {
  cache.close();
  await extensions.deleteCustomResourceDefinition({ name: crdName }).catch(() => undefined);
});

describe('discovery', () => {
  it('reports the server version and preferred versions of built-in kinds', async () => {
    const gets = connection.requestCounts().byVerb.get ?? 0;
    expect((await connection.serverVersion()).gitVersion).toMatch(/^v1\.\d+\.\d+/);
    // every render asks it: one request a minute, whatever the number of renders
    await Promise.all([connection.serverVersion(), connection.serverVersion()]);
    expect((connection.requestCounts().byVerb.get ?? 0) - gets).toBe(1);
    expect(await connection.resourceFor('apps', 'Deployment')).toMatchObject({
      version: 'v1',
      plural: 'deployments',
      namespaced: true,
    });
    expect((await connection.resourceFor('', 'Pod'))?.verbs).toEqual(
      expect.arrayContaining(['list', 'watch', 'patch']),
    );
    expect(await connection.isNamespaced('', 'Namespace')).toBe(false);
    expect(await connection.isNamespaced('rbac.authorization.k8s.io', 'ClusterRole')).toBe(false);
  });

  it(
    'finds a CRD created during the test, and so does a cache already asking for it',
    { timeout: 60_000 },
    async () => {
      expect(await connection.resourceFor(group, 'Widget')).toBeUndefined();
      cache.ensureTypes([{ group, kind: 'Widget' }]);
      await cache.synced();
      expect(cache.state()).toMatchObject({
        state: 'degraded',
        reason: expect.stringContaining('does not serve this kind'),
      });

      await extensions.createCustomResourceDefinition({
        body: {
          metadata: { name: crdName },
          spec: {
            group,
            scope: 'Namespaced',
            names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
            versions: [
              {
                name: 'v1',
                served: true,
                storage: true,
                schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
              },
            ],
          },
        },
      });
      const widget = await until(
        'discovery to find Widget',
        () => connection.resourceFor(group, 'Widget'),
        30_000,
      );
      expect(widget).toMatchObject({ version: 'v1', plural: 'widgets', namespaced: true });

      await until('the cache to watch widgets', () => cache.state().state === 'connected', 30_000);
      const body = {
        apiVersion: `${group}/v1`,
        kind: 'Widget',
        metadata: { name: 'w1', namespace: ns },
        spec: { size: 3 },
      };
      await objects.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'widgets',
        body,
      });
      await until('the widget in the cache', () => cache.get(`${group}/Widget/${ns}/w1`), 2_000);
    },
  );
  it(
    'forgets a deleted CRD: its objects leave the cache, its kind is reported not served',
    { timeout: 60_000 },
    async () => {
      await extensions.deleteCustomResourceDefinition({ name: crdName });
      await until('the widget gone from the cache', () => !cache.get(`${group}/Widget/${ns}/w1`), 30_000);
      await until(
        'the kind reported not served',
        () =>
          cache.state().state === 'degraded' && /does not serve this kind/.test(cache.state().reason ?? ''),
        30_000,
      );
      expect(await connection.resourceFor(group, 'Widget')).toBeUndefined();
    },
  );
});

describe('dryRunApply', () => {
  it('predicts a new Deployment with the server’s defaults, creating nothing', async () => {
    const result = await dryRunApply(connection, plain(deployment('predicted', ns, 'shop')), {
      fieldManager: 'plumbline',
    });
    expect(result.outcome).toBe('predicted');
    if (result.outcome !== 'predicted') return;
    const live = result.predictedLive as unknown as k8s.V1Deployment;
    expect(live.spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(live.spec?.template.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(live.spec?.revisionHistoryLimit).toBe(10);
    expect(live.metadata?.managedFields?.map((f) => f.manager)).toEqual(['plumbline']);
    const { apps } = clientsOf(connection);
    await expect(apps.readNamespacedDeployment({ name: 'predicted', namespace: ns })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('says when the namespace does not exist yet', async () => {
    const result = await dryRunApply(connection, plain(deployment('web', 'no-such-namespace-e2e', 'shop')));
    expect(result).toMatchObject({ outcome: 'namespaceMissing', namespace: 'no-such-namespace-e2e' });
  });

  it('says when the kind is not served (its CRD is not installed)', async () => {
    const gadget = {
      apiVersion: 'missing.plumbline.dev/v1',
      kind: 'Gadget',
      metadata: { name: 'g', namespace: ns },
    };
    const result = await dryRunApply(connection, gadget);
    expect(result).toMatchObject({
      outcome: 'kindNotServed',
      message: expect.stringContaining('does not serve this kind'),
    });
  });

  it('passes on the server’s refusal of an invalid object', async () => {
    const invalid = deployment('invalid', ns, 'shop');
    delete (invalid.spec as Partial<k8s.V1DeploymentSpec>).selector;
    const result = await dryRunApply(connection, plain(invalid));
    expect(result).toMatchObject({ outcome: 'rejected', status: 422, reason: 'Invalid' });
    if (result.outcome === 'rejected')
      expect(result.message).toMatch(
        /^dry-run apply apps\/Deployment .*\/invalid on plumbline-a: 422 Invalid: /,
      );
  });
});
