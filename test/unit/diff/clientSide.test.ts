// Client-side comparison (no dry run): only what git sets is judged, list items are matched by
// their merge keys, and what a previous apply set that git no longer sets counts as a change —
// read from Plumbline's own field manager or from kubectl's last-applied-configuration.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

const compare = (desired: KubeObject, live: KubeObject) => compareObject(desired, live, { appName: 'shop' });
const podSpec = (obj: KubeObject) => at(obj, 'spec', 'template', 'spec');

describe('what only the cluster has', () => {
  it('a sidecar injected by a webhook is not judged and stays in the prediction', async () => {
    const { desired, live } = pair('deployment');
    (podSpec(live).containers as unknown[]).unshift({ name: 'istio-proxy', image: 'istio/proxyv2:1.22' });
    const result = await compare(desired, live);
    expect(result.status).toBe('Synced');
    expect(at(result.normalizedDesired, 'spec', 'template', 'spec', 'containers', 0).name).toBe(
      'istio-proxy',
    );
  });

  it('a label added by someone else is not judged', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'metadata', 'labels')['team'] = 'payments';
    expect((await compare(desired, live)).status).toBe('Synced');
  });
});

describe('changes git makes', () => {
  it('an added env var is reported at its own path', async () => {
    const { desired, live } = pair('deployment');
    (at(podSpec(desired), 'containers', 0).env as unknown[]).push({ name: 'DEBUG', value: '1' });
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual([
      '/spec/template/spec/containers/0/env/1/name',
      '/spec/template/spec/containers/0/env/1/value',
    ]);
  });

  it('a new container inserted before the existing one is one change, not a rename of every field', async () => {
    const { desired, live } = pair('deployment');
    (podSpec(desired).containers as unknown[]).unshift({ name: 'init-cache', image: 'busybox:1.36' });
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual([
      '/spec/template/spec/containers/0/name',
      '/spec/template/spec/containers/0/image',
    ]);
  });

  it('reordering containers in git is a change of the list: applying it reorders them', async () => {
    const { desired, live } = pair('deployment');
    const sidecar = { name: 'log', image: 'fluent-bit:3' };
    (podSpec(desired).containers as unknown[]).unshift(sidecar);
    (podSpec(live).containers as unknown[]).push({ ...sidecar, imagePullPolicy: 'IfNotPresent' });
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual(['/spec/template/spec/containers']);
  });

  it('a Deployment whose replicas differ is OutOfSync at /spec/replicas', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec').replicas = 5;
    expect((await compare(desired, live)).changedPaths).toEqual(['/spec/replicas']);
  });

  it('an object adopted from elsewhere (no tracking id yet) is OutOfSync on the tracking id', async () => {
    const { desired, live } = pair('configmap');
    delete at(live, 'metadata').annotations;
    expect((await compare(desired, live)).changedPaths).toEqual([
      '/metadata/annotations/argocd.argoproj.io~1tracking-id',
    ]);
  });
});

describe('what git no longer sets', () => {
  it('an env var Plumbline applied (its field manager owns it) and git dropped is a change', async () => {
    const { desired, live } = pair('deployment');
    at(podSpec(desired), 'containers', 0).env = [];
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual([
      '/spec/template/spec/containers/0/env/0/name',
      '/spec/template/spec/containers/0/env/0/value',
    ]);
    expect(at(result.normalizedDesired, 'spec', 'template', 'spec', 'containers', 0).env ?? []).toEqual([]);
  });

  it('a volume Plumbline applied and git dropped is a change; a volume another manager added is not', async () => {
    const { desired, live } = pair('deployment');
    (podSpec(live).volumes as unknown[]).push({ name: 'injected', emptyDir: {} });
    podSpec(desired).volumes = [];
    expect((await compare(desired, live)).changedPaths).toEqual([
      '/spec/template/spec/volumes/0/emptyDir',
      '/spec/template/spec/volumes/0/name',
    ]);
  });

  it('a ConfigMap key Plumbline applied and git dropped is a change', async () => {
    const { desired, live } = pair('configmap');
    delete at(desired, 'data').LOG_LEVEL;
    expect((await compare(desired, live)).changedPaths).toEqual(['/data/LOG_LEVEL']);
  });

  it('a field only kubectl last-applied recorded and git dropped is a change', async () => {
    const { desired, live } = pair('service');
    delete at(desired, 'spec').selector;
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual(['/spec/selector/app']);
  });

  it('a port kubectl applied and git dropped is a change; defaults of the kept port are not', async () => {
    const { desired, live } = pair('service');
    const lastApplied = JSON.parse(
      at(live, 'metadata', 'annotations')['kubectl.kubernetes.io/last-applied-configuration'] as string,
    );
    lastApplied.spec.ports.push({ name: 'admin', port: 9000 });
    at(live, 'metadata', 'annotations')['kubectl.kubernetes.io/last-applied-configuration'] =
      JSON.stringify(lastApplied);
    (at(live, 'spec').ports as unknown[]).push({
      name: 'admin',
      port: 9000,
      protocol: 'TCP',
      targetPort: 9000,
    });
    const result = await compare(desired, live);
    expect(result.changedPaths).toEqual([
      '/spec/ports/1/name',
      '/spec/ports/1/port',
      '/spec/ports/1/protocol',
      '/spec/ports/1/targetPort',
    ]);
  });

  it('fields set by another field manager are not removed when git does not set them', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'metadata', 'annotations')['deployment.kubernetes.io/revision'] = '7';
    expect((await compare(desired, live)).status).toBe('Synced');
  });
});
