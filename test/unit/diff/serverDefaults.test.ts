// Client-side, each default the API server fills in, each canonical spelling it stores, reads as
// equal to git's object that leaves it out or spells it otherwise; and a real change to the same
// field is still seen.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

async function paths(desired: KubeObject, live: KubeObject): Promise<string[]> {
  const result = await compareObject(desired, live, { appName: 'shop' });
  expect(result.status).not.toBe('Unknown');
  return result.changedPaths;
}

const container = (obj: KubeObject) => at(obj, 'spec', 'template', 'spec', 'containers', 0);
const podSpec = (obj: KubeObject) => at(obj, 'spec', 'template', 'spec');

describe('defaults the server adds to a Deployment', () => {
  it.each([
    ['imagePullPolicy', 'Always', container],
    ['terminationMessagePath', '/tmp/log', container],
    ['terminationMessagePolicy', 'FallbackToLogsOnError', container],
    ['dnsPolicy', 'Default', podSpec],
    ['restartPolicy', 'Never', podSpec],
    ['schedulerName', 'my-scheduler', podSpec],
    ['terminationGracePeriodSeconds', 5, podSpec],
    ['revisionHistoryLimit', 3, (o: KubeObject) => at(o, 'spec')],
    ['progressDeadlineSeconds', 60, (o: KubeObject) => at(o, 'spec')],
  ] as const)('%s: absent in git is Synced; set otherwise is a change', async (field, other, parent) => {
    const { desired, live } = pair('deployment');
    expect(await paths(desired, live)).toEqual([]);
    parent(desired)[field] = other;
    expect((await paths(desired, live)).some((p) => p.endsWith(`/${field}`))).toBe(true);
  });

  it('strategy: absent in git is Synced; Recreate is a change', async () => {
    const { desired, live } = pair('deployment');
    expect(await paths(desired, live)).toEqual([]);
    at(desired, 'spec').strategy = { type: 'Recreate' };
    expect(await paths(desired, live)).toContain('/spec/strategy/type');
  });

  it('a default spelled out in git equals the default', async () => {
    const { desired, live } = pair('deployment');
    Object.assign(container(desired), { imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' });
    Object.assign(podSpec(desired), { dnsPolicy: 'ClusterFirst', securityContext: {} });
    expect(await paths(desired, live)).toEqual([]);
  });

  it('protocol TCP on a container port: the port is keyed by (containerPort, TCP) on both sides', async () => {
    const { desired, live } = pair('deployment');
    container(desired).ports = [{ containerPort: 80 }, { containerPort: 9090, name: 'metrics' }];
    container(live).ports = [{ containerPort: 80, protocol: 'TCP' }];
    expect(await paths(desired, live)).toEqual([
      '/spec/template/spec/containers/0/ports/1/containerPort',
      '/spec/template/spec/containers/0/ports/1/name',
    ]);
  });

  it('probe defaults (scheme, periodSeconds, thresholds) stay out of the diff', async () => {
    const { desired, live } = pair('deployment');
    expect(at(container(live), 'readinessProbe')).toHaveProperty('periodSeconds', 10);
    expect(await paths(desired, live)).toEqual([]);
  });
});

describe('defaults the server adds to a Service', () => {
  it.each([
    ['sessionAffinity', 'ClientIP'],
    ['type', 'NodePort'],
    ['clusterIP', 'None'],
    ['ipFamilyPolicy', 'PreferDualStack'],
  ])('%s: absent in git is Synced; set otherwise is a change', async (field, other) => {
    const { desired, live } = pair('service');
    expect(await paths(desired, live)).toEqual([]);
    at(desired, 'spec')[field] = other;
    expect(await paths(desired, live)).toContain(`/spec/${field}`);
  });

  it('clusterIPs and ipFamilies assigned by the server are not differences', async () => {
    const { desired, live } = pair('service');
    expect(at(live, 'spec').clusterIPs).toEqual(['10.96.14.7']);
    expect(await paths(desired, live)).toEqual([]);
  });
});

describe('spellings Kubernetes stores differently', () => {
  it('cpu 0.5 equals 500m and memory 1024Mi equals 1Gi; 2Gi does not', async () => {
    const { desired, live } = pair('deployment');
    expect(at(container(desired), 'resources', 'requests')).toEqual({ cpu: 0.5, memory: '1024Mi' });
    expect(at(container(live), 'resources', 'requests')).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(await paths(desired, live)).toEqual([]);
    at(container(desired), 'resources', 'requests').memory = '2Gi';
    expect(await paths(desired, live)).toEqual([
      '/spec/template/spec/containers/0/resources/requests/memory',
    ]);
  });

  it('a number quantity (cpu: 1) equals the string the server stores ("1")', async () => {
    const { desired, live } = pair('deployment');
    expect(at(container(desired), 'resources', 'limits').cpu).toBe(1);
    expect(at(container(live), 'resources', 'limits').cpu).toBe('1');
    expect(await paths(desired, live)).toEqual([]);
  });

  it('an int-or-string port given as "8080" equals 8080', async () => {
    const { desired, live } = pair('service');
    at(desired, 'spec', 'ports', 0).targetPort = '8080';
    expect(await paths(desired, live)).toEqual([]);
    at(desired, 'spec', 'ports', 0).targetPort = 'http';
    expect(await paths(desired, live)).toEqual(['/spec/ports/0/targetPort']);
  });

  it('empty maps and lists in git equal absent ones in the cluster', async () => {
    const { desired, live } = pair('deployment');
    Object.assign(container(desired), { args: [], volumeMounts: [], envFrom: [] });
    at(desired, 'metadata').annotations = {};
    Object.assign(podSpec(desired), { tolerations: [], nodeSelector: {} });
    expect(await paths(desired, live)).toEqual([]);
  });

  it('nulls in git (as helm renders them) equal absent fields', async () => {
    const { desired, live } = pair('deployment');
    Object.assign(at(desired, 'spec', 'template', 'metadata'), {
      creationTimestamp: null,
      annotations: null,
    });
    expect(await paths(desired, live)).toEqual([]);
  });

  it('zero values the server omits (hostNetwork: false, minReadySeconds: 0) equal absent fields', async () => {
    const { desired, live } = pair('deployment');
    Object.assign(podSpec(desired), { hostNetwork: false, hostPID: false });
    at(desired, 'spec').minReadySeconds = 0;
    at(container(desired), 'env', 0).value = 'production';
    expect(await paths(desired, live)).toEqual([]);
  });

  it('but a zero that differs from the default is a change (automountServiceAccountToken: false)', async () => {
    const { desired, live } = pair('deployment');
    podSpec(desired).automountServiceAccountToken = false;
    expect(await paths(desired, live)).toEqual(['/spec/template/spec/automountServiceAccountToken']);
  });

  it('an empty string in a ConfigMap is data, not an absent field', async () => {
    const { desired, live } = pair('configmap');
    delete at(live, 'data').FEATURE_FLAGS;
    expect(await paths(desired, live)).toEqual(['/data/FEATURE_FLAGS']);
  });

  it('emptyDir: {} selects the volume type: it is not an absent field', async () => {
    const { desired, live } = pair('deployment');
    podSpec(live).volumes = [{ name: 'cache', configMap: { name: 'web-settings', defaultMode: 420 } }];
    expect(await paths(desired, live)).toContain('/spec/template/spec/volumes/0/emptyDir');
  });

  it('a custom resource keeps empty values: the server stores them as given', async () => {
    const desired = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'shop' },
      spec: { tags: [], enabled: false },
    };
    const live = {
      ...structuredClone(desired),
      metadata: {
        ...desired.metadata,
        annotations: { 'plumbline.dev/tracking-id': 'shop:example.com/Widget:shop/w' },
      },
      spec: {},
    };
    expect(await paths(desired, live)).toEqual(['/spec/tags', '/spec/enabled']);
  });
});
