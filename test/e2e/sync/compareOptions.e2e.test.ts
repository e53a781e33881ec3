// The Application's compare-options on the real cluster: ServerSideDiff=false (Argo CD's legacy,
// client-side diff) shows a difference the server would resolve itself — a Service's empty
// clusterIP, which the API server keeps at its allocated address — while the server-side diff
// (ServerSideDiff=true, and Plumbline's default) does not; and a real mutating webhook's stamp is
// left out of ServerSideDiff=true's diff unless IncludeMutationWebhook=true.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCache } from '../../../engine/cluster/liveCache.ts';
import { keyOfObject } from '../../../engine/cluster/index.ts';
import { compareApp } from '../../../engine/controller/compareApp.ts';
import { Predictions } from '../../../engine/controller/predictions.ts';
import { setTrackingId, type AppDiffOptions, type KubeObject } from '../../../engine/diff/index.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';
import { connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, sync } from './syncTestKit.ts';

const APP = 'compare-app';
const ns = testNamespace('compare-options');
const connection = connect('plumbline-a');
const cache = new LiveCache(connection, { backoff: { initialMs: 200, maxMs: 1_000 } });
const webhooks = connection.kubeConfig.makeApiClient(k8s.AdmissionregistrationV1Api);
const webhookName = `stamp-${randomBytes(3).toString('hex')}.e2e.plumbline.dev`;
let server: Server | undefined;
let stamps = 0;

/** Deploys `obj` with Plumbline's sync and waits until the cache holds it. */
async function deployed(obj: KubeObject): Promise<KubeObject> {
  const desired = setTrackingId(obj, APP);
  const { result } = await sync(connection, { appName: APP, desired: [desired], live: [], options: {} });
  expect(result.phase, result.message).toBe('Succeeded');
  cache.ensureTypes([{ group: '', kind: String(obj.kind) }]);
  await until(`${keyOfObject(desired)} in the cache`, () => cache.get(keyOfObject(desired)));
  return desired;
}

async function statusWith(desired: KubeObject, diffOptions: AppDiffOptions) {
  const result = await compareApp({
    appName: APP,
    desired: [desired],
    cache,
    predictions: new Predictions(),
    ignoreDifferences: [],
    diffOptions,
  });
  const [resource] = result.resources;
  return { status: resource?.comparison.status, paths: resource?.comparison.changedPaths ?? [] };
}

/** A mutating webhook on this namespace's ConfigMaps: a new stamp annotation on every request. */
async function startStampWebhook(): Promise<void> {
  const { key, cert } = selfSignedCertificate('127.0.0.1', '127.0.0.1');
  server = createServer({ key, cert }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const review = JSON.parse(body) as {
        request: { uid: string; object: { metadata?: { annotations?: Record<string, string> } } };
      };
      stamps += 1;
      const annotations = {
        ...review.request.object.metadata?.annotations,
        'e2e.plumbline.dev/stamp': String(stamps),
      };
      const patch = [{ op: 'add', path: '/metadata/annotations', value: annotations }];
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: {
            uid: review.request.uid,
            allowed: true,
            patchType: 'JSONPatch',
            patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await webhooks.createMutatingWebhookConfiguration({
    body: {
      metadata: { name: webhookName },
      webhooks: [
        {
          name: webhookName,
          clientConfig: {
            url: `https://127.0.0.1:${port}/mutate`,
            caBundle: Buffer.from(cert).toString('base64'),
          },
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['configmaps'],
            },
          ],
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
          objectSelector: { matchLabels: { 'e2e.plumbline.dev/stamped': 'yes' } },
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          failurePolicy: 'Fail',
          timeoutSeconds: 5,
        },
      ],
    },
  });
}

beforeAll(startStampWebhook);

afterAll(async () => {
  cache.close();
  await webhooks.deleteMutatingWebhookConfiguration({ name: webhookName }).catch(() => undefined);
  server?.close();
});

describe('compare-options on the Application', () => {
  it('ServerSideDiff=false reports the empty clusterIP git sets; the server-side diff does not', async () => {
    const desired = await deployed({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { clusterIP: '', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const legacy = await statusWith(desired, { serverSideDiff: false, includeMutationWebhook: false });
    expect(legacy).toEqual({ status: 'OutOfSync', paths: ['/spec/clusterIP'] });
    expect(await statusWith(desired, { serverSideDiff: true, includeMutationWebhook: false })).toEqual({
      status: 'Synced',
      paths: [],
    });
    expect((await statusWith(desired, { includeMutationWebhook: false })).status).toBe('Synced');
  });

  it(
    'a mutating webhook’s stamp is no difference with ServerSideDiff=true, unless IncludeMutationWebhook=true',
    { timeout: 60_000 },
    async () => {
      const stamped = configMapObject('stamped', ns, { a: '1' });
      stamped.metadata = { ...stamped.metadata, labels: { 'e2e.plumbline.dev/stamped': 'yes' } };
      const desired = await deployed(stamped);
      const live = cache.get(keyOfObject(desired));
      expect(live?.metadata?.annotations).toHaveProperty('e2e.plumbline.dev/stamp');

      expect(await statusWith(desired, { serverSideDiff: true, includeMutationWebhook: false })).toEqual({
        status: 'Synced',
        paths: [],
      });
      expect(await statusWith(desired, { serverSideDiff: true, includeMutationWebhook: true })).toEqual({
        status: 'OutOfSync',
        paths: ['/metadata/annotations/e2e.plumbline.dev~1stamp'],
      });
      // a change git makes is still seen through the webhook's noise
      const changed = { ...desired, data: { a: '2' } };
      expect(await statusWith(changed, { serverSideDiff: true, includeMutationWebhook: false })).toEqual({
        status: 'OutOfSync',
        paths: ['/data/a'],
      });
    },
  );
});
