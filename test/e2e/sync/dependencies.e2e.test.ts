// Dependencies inside one sync on the real cluster: a Namespace and a CRD from git are applied
// before the objects in the namespace and the custom resources of the CRD, whatever their waves.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { readLiveObject } from '../../../engine/sync/index.ts';
import { clientsOf, connect } from '../live/liveTestKit.ts';
import { configMapObject, sync, wave } from './syncTestKit.ts';

const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const extensions = connection.kubeConfig.makeApiClient(k8s.ApiextensionsV1Api);
const suffix = randomBytes(3).toString('hex');
const ns = `sync-deps-${suffix}`;
const group = `sync-${suffix}.plumbline.dev`;

afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await extensions.deleteCustomResourceDefinition({ name: `gadgets.${group}` }).catch(() => undefined);
});

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

describe('sync: dependencies', () => {
  it('creates the Namespace and the CRD before what needs them', async () => {
    const gadget: KubeObject = {
      apiVersion: `${group}/v1`,
      kind: 'Gadget',
      metadata: { name: 'g', namespace: ns },
      spec: { size: 3 },
    };
    const desired = [
      gadget,
      configMapObject('settings', ns),
      wave(crd, 5),
      wave({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, 5),
    ];
    const { result } = await sync(connection, { appName: 'deps-app', desired, live: [], options: {} });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => [r.wave, r.kind])).toEqual([
      [0, 'Namespace'],
      [0, 'ConfigMap'],
      [0, 'CustomResourceDefinition'],
      [0, 'Gadget'],
    ]);
    const live = await readLiveObject(connection, { group, kind: 'Gadget', namespace: ns, name: 'g' });
    expect(live?.spec).toEqual({ size: 3 });
  });
});
