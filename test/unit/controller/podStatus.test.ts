// What a pod's card says, as Argo CD's resource tree says it (kubectl's STATUS column): the
// reason a container is waiting or ended, init progress, Terminating; and its container counts.
import { describe, expect, it } from 'vitest';
import { podStatus } from '../../../engine/controller/podStatus.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';

type State = Record<string, unknown>;
const container = (name: string, state: State, extra: State = {}) => ({
  name,
  state,
  restartCount: 0,
  ready: false,
  ...extra,
});

function pod(status: State, spec: State = {}, metadata: State = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', ...metadata },
    spec: { containers: [{ name: 'app', image: 'web:1' }], ...spec },
    status,
  };
}

describe('podStatus', () => {
  it('is the phase of a pod whose containers run', () => {
    const running = container('app', { running: {} }, { ready: true });
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [running] }))).toEqual({
      reason: 'Running',
      ready: 1,
      total: 1,
      restarts: 0,
    });
  });

  it('names a crash loop and counts its restarts', () => {
    const crashing = container(
      'app',
      { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
      { restartCount: 4 },
    );
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [crashing] }))).toMatchObject({
      reason: 'CrashLoopBackOff',
      restarts: 4,
      ready: 0,
    });
  });

  it('gives a terminated container its reason, signal or exit code', () => {
    const ended = (terminated: State) =>
      podStatus(pod({ phase: 'Failed', containerStatuses: [container('app', { terminated })] })).reason;
    expect(ended({ reason: 'OOMKilled', exitCode: 137 })).toBe('OOMKilled');
    expect(ended({ signal: 9, exitCode: 137 })).toBe('Signal:9');
    expect(ended({ exitCode: 3 })).toBe('ExitCode:3');
  });

  it('reports init containers: failed, waiting, or how many are done', () => {
    const spec = {
      initContainers: [
        { name: 'migrate', image: 'm' },
        { name: 'seed', image: 's' },
      ],
    };
    const withInit = (...initContainerStatuses: unknown[]) =>
      podStatus(pod({ phase: 'Pending', initContainerStatuses }, spec)).reason;
    const done = container('migrate', { terminated: { exitCode: 0 } });
    expect(withInit(done, container('seed', { running: {} }))).toBe('Init:1/2');
    expect(withInit(container('migrate', { terminated: { exitCode: 2 } }))).toBe('Init:ExitCode:2');
    expect(withInit(container('migrate', { waiting: { reason: 'ImagePullBackOff' } }))).toBe(
      'Init:ImagePullBackOff',
    );
    expect(withInit(container('migrate', { waiting: { reason: 'PodInitializing' } }))).toBe('Init:0/2');
  });

  it('counts a started sidecar (restartable init container) as a container', () => {
    const spec = { initContainers: [{ name: 'proxy', image: 'p', restartPolicy: 'Always' }] };
    const status = {
      phase: 'Running',
      initContainerStatuses: [container('proxy', { running: {} }, { started: true, ready: true })],
      containerStatuses: [container('app', { running: {} }, { ready: true })],
    };
    expect(podStatus(pod(status, spec))).toMatchObject({ reason: 'Running', ready: 2, total: 2 });
  });

  it('keeps Running when one container completed and another still runs', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [
        container('app', { running: {} }, { ready: true }),
        container('job', { terminated: { reason: 'Completed', exitCode: 0 } }),
      ],
    };
    expect(podStatus(pod(status)).reason).toBe('Running');
  });

  it('says Terminating while deleted, Unknown for a lost node, and the pod reason first', () => {
    const deleting = { deletionTimestamp: '2026-12-02T10:00:00Z' };
    expect(podStatus(pod({ phase: 'Running' }, {}, deleting)).reason).toBe('Terminating');
    expect(podStatus(pod({ phase: 'Succeeded' }, {}, deleting)).reason).toBe('Succeeded');
    expect(podStatus(pod({ phase: 'Running', reason: 'NodeLost' }, {}, deleting)).reason).toBe('Unknown');
    expect(podStatus(pod({ phase: 'Failed', reason: 'Evicted' })).reason).toBe('Evicted');
    const gated = { phase: 'Pending', conditions: [{ type: 'PodScheduled', reason: 'SchedulingGated' }] };
    expect(podStatus(pod(gated)).reason).toBe('SchedulingGated');
  });

  it('copes with fields of the wrong shape', () => {
    const odd = pod(
      { phase: 7, containerStatuses: 'x', initContainerStatuses: [null, 3] },
      { containers: {} },
    );
    expect(podStatus(odd)).toEqual({ reason: '7', ready: 0, total: 0, restarts: 0 });
  });
});
