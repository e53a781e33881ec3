// Every branch of the built-in checks, one fixture each, with Argo CD's status and message.
import { describe, expect, it } from 'vitest';
import { builtInHealth, type HealthResult } from '../../../engine/health/index.ts';
import { fixture } from './fixtures.ts';

type Case = [file: string, status: HealthResult['status'], message?: string];

function cases(kind: string, table: Case[]): void {
  describe(kind, () => {
    it.each(table)('%s → %s', (file, status, message) => {
      const expected: HealthResult = message === undefined ? { status } : { status, message };
      expect(builtInHealth(fixture(`${kind}/${file}`))).toEqual(expected);
    });
  });
}

const WAITING = 'Waiting for rollout to finish';

cases('deployment', [
  ['healthy.yaml', 'Healthy'],
  ['paused.yaml', 'Suspended', 'Deployment is paused'],
  [
    'generation-behind.yaml',
    'Progressing',
    `${WAITING}: observed deployment generation less than desired generation`,
  ],
  ['progress-deadline.yaml', 'Degraded', 'Deployment "web" exceeded its progress deadline'],
  ['updated-fewer.yaml', 'Progressing', `${WAITING}: 1 out of 3 new replicas have been updated...`],
  ['old-pending.yaml', 'Progressing', `${WAITING}: 1 old replicas are pending termination...`],
  ['available-fewer.yaml', 'Progressing', `${WAITING}: 2 of 3 updated replicas are available...`],
  ['unsupported-version.yaml', 'Unknown', 'unsupported Deployment GVK: apps/v1beta2, Kind=Deployment'],
  [
    'malformed.yaml',
    'Unknown',
    'failed to convert unstructured Deployment to typed: spec.replicas: expected an integer, got string',
  ],
  ['deleting.yaml', 'Progressing', 'Pending deletion'],
]);

cases('statefulset', [
  ['not-observed.yaml', 'Progressing', 'Waiting for statefulset spec update to be observed...'],
  ['generation-behind.yaml', 'Progressing', 'Waiting for statefulset spec update to be observed...'],
  ['ready-fewer.yaml', 'Progressing', 'Waiting for 2 pods to be ready...'],
  [
    'partition-progressing.yaml',
    'Progressing',
    'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
  ],
  ['partition-complete.yaml', 'Healthy', 'partitioned roll out complete: 3 new pods have been updated...'],
  ['on-delete.yaml', 'Healthy', 'statefulset has 3 ready pods (1 updated)'],
  [
    'revision-differs.yaml',
    'Progressing',
    'waiting for statefulset rolling update to complete 1 pods at revision db-2...',
  ],
  ['rolled-out.yaml', 'Healthy', 'statefulset rolling update complete 3 pods at revision db-2...'],
]);

cases('daemonset', [
  ['healthy.yaml', 'Healthy'],
  [
    'generation-behind.yaml',
    'Progressing',
    `${WAITING}: observed daemon set generation less than desired generation`,
  ],
  ['on-delete.yaml', 'Healthy', 'daemon set 1 out of 3 new pods have been updated'],
  [
    'updated-fewer.yaml',
    'Progressing',
    'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
  ],
  [
    'available-fewer.yaml',
    'Progressing',
    'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
  ],
]);

cases('replicaset', [
  ['healthy.yaml', 'Healthy'],
  [
    'generation-behind.yaml',
    'Progressing',
    `${WAITING}: observed replica set generation less than desired generation`,
  ],
  ['replica-failure.yaml', 'Degraded', 'pods "web-6d4f-" is forbidden: exceeded quota: compute-resources'],
  ['available-fewer.yaml', 'Progressing', `${WAITING}: 1 out of 3 new replicas are available...`],
]);

cases('pod', [
  ['crashloop.yaml', 'Degraded', 'back-off 40s restarting failed container=main pod=web-1_shop'],
  ['image-pull-errors.yaml', 'Degraded', 'rpc error: manifest unknown, secret "creds" not found'],
  ['pending.yaml', 'Progressing', '0/3 nodes are available: 3 Insufficient cpu.'],
  ['succeeded.yaml', 'Healthy'],
  ['failed-with-message.yaml', 'Degraded', 'The node was low on resource: memory.'],
  ['failed-exit-code.yaml', 'Degraded', 'container "main" failed with exit code 1'],
  ['failed-oomkilled.yaml', 'Degraded', 'OOMKilled'],
  ['failed-termination-message.yaml', 'Degraded', 'schema version 12 is newer than this binary'],
  ['failed-no-detail.yaml', 'Degraded'],
  ['running-ready.yaml', 'Healthy'],
  ['running-restarted.yaml', 'Degraded', 'readiness probe failing'],
  ['running-not-ready.yaml', 'Progressing'],
  ['running-default-policy.yaml', 'Healthy'],
  ['running-never.yaml', 'Progressing'],
  ['running-on-failure.yaml', 'Progressing'],
  ['never-image-pull-backoff.yaml', 'Progressing'],
  ['ignore-restart-policy-ready.yaml', 'Healthy'],
  ['ignore-restart-policy-backoff.yaml', 'Degraded', 'Back-off pulling image "alpine:3.21"'],
  ['ignore-restart-policy-hook.yaml', 'Progressing'],
  ['unknown-phase.yaml', 'Unknown', 'node unreachable'],
  ['deleting.yaml', 'Progressing', 'Pending deletion'],
  // a hook held by Argo CD's finalizer is judged, so its phase can complete
  ['deleting-hook.yaml', 'Healthy'],
]);

cases('job', [
  ['running.yaml', 'Progressing'],
  ['failed.yaml', 'Degraded', 'Job has reached the specified backoff limit'],
  ['complete.yaml', 'Healthy', 'Reached expected number of succeeded pods'],
  ['suspended.yaml', 'Suspended'],
  ['resumed.yaml', 'Healthy', 'Job resumed'],
]);

cases('cronjob', [
  ['active.yaml', 'Progressing', 'CronJob has active jobs'],
  ['never-run.yaml', 'Healthy', 'CronJob has never run'],
  ['succeeded.yaml', 'Healthy', 'CronJob has run successfully'],
  ['last-failed.yaml', 'Degraded', 'CronJob has not run successfully'],
  ['never-succeeded.yaml', 'Degraded', 'CronJob has not run successfully'],
]);

cases('pvc', [
  ['bound.yaml', 'Healthy'],
  ['pending.yaml', 'Progressing'],
  ['lost.yaml', 'Degraded'],
  ['no-phase.yaml', 'Unknown'],
]);

cases('service', [
  ['cluster-ip.yaml', 'Healthy'],
  ['load-balancer-pending.yaml', 'Progressing'],
  ['load-balancer-ready.yaml', 'Healthy'],
]);

cases('ingress', [
  ['address.yaml', 'Healthy'],
  ['no-address.yaml', 'Progressing'],
  ['extensions-address.yaml', 'Healthy'],
]);

cases('hpa', [
  ['v1-no-annotation.yaml', 'Progressing', 'Waiting to Autoscale'],
  ['v1-no-conditions.yaml', 'Progressing', 'Waiting to Autoscale'],
  ['v1-healthy.yaml', 'Healthy', 'recommended size matches current size'],
  [
    'v1-degraded.yaml',
    'Degraded',
    'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "web" not found',
  ],
  ['v2-healthy.yaml', 'Healthy', 'recommended size matches current size'],
  ['v2-scaling-limited.yaml', 'Healthy', 'the desired replica count is less than the minimum replica count'],
  [
    'v2-degraded.yaml',
    'Degraded',
    // a failing metric wins over AbleToScale=True listed before it
    'the HPA was unable to compute the replica count: failed to get cpu utilization',
  ],
  [
    'v2-object-metric-failed.yaml',
    'Degraded',
    'the HPA was unable to compute the replica count: unable to get metric queue_depth',
  ],
  ['v2-degraded-after-healthy.yaml', 'Degraded', "the HPA target's scale is missing a selector"],
  ['v2-waiting.yaml', 'Progressing', 'Waiting to Autoscale'],
  ['v2beta2-healthy.yaml', 'Healthy', 'recommended size matches current size'],
]);

describe('hpa', () => {
  it('v1-malformed.yaml → Unknown with the decoding error', () => {
    const result = builtInHealth(fixture('hpa/v1-malformed.yaml'));
    expect(result?.status).toBe('Unknown');
    expect(result?.message).toMatch(/^failed to convert conditions annotation to typed: /);
  });
});

cases('apiservice', [
  ['available.yaml', 'Healthy', 'Passed: all checks passed'],
  [
    'unavailable.yaml',
    'Progressing',
    'FailedDiscoveryCheck: failing or missing response from https://10.96.0.12:443/apis/metrics.k8s.io/v1beta1',
  ],
  ['no-conditions.yaml', 'Progressing', 'Waiting to be processed'],
  ['v1beta1-available.yaml', 'Healthy', 'Local: Local APIServices are always available'],
]);

cases('crd', [
  ['healthy.yaml', 'Healthy', 'CRD is healthy'],
  ['no-conditions.yaml', 'Progressing', 'Status conditions not found'],
  // Argo CD's script keeps one message: that of the last condition it looked at
  [
    'names-not-accepted.yaml',
    'Degraded',
    'CRD names have not been accepted: "certificates" is already in use',
  ],
  ['not-established.yaml', 'Degraded', 'CRD is not established'],
  [
    'non-structural.yaml',
    'Degraded',
    'Schema violations found: spec.preserveUnknownFields: Invalid value: true: must be false',
  ],
  ['terminating.yaml', 'Progressing', 'CRD is terminating: CustomResource deletion is in progress'],
]);

cases('workflow', [
  ['running.yaml', 'Progressing', 'step 2 of 3'],
  ['pending.yaml', 'Progressing'],
  ['no-phase.yaml', 'Progressing'],
  ['succeeded.yaml', 'Healthy'],
  ['failed.yaml', 'Degraded', 'child "build-x7k2p-123" failed'],
  ['error.yaml', 'Degraded', 'pod deleted'],
  ['other-phase.yaml', 'Unknown'],
]);

describe('objects that do not fit the typed shape', () => {
  it('name the field that is wrong, as Argo CD names the conversion that failed', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      status: { conditions: ['Complete'] },
    };
    expect(builtInHealth(job)).toEqual({
      status: 'Unknown',
      message:
        'failed to convert unstructured Job to typed: status.conditions[0]: expected an object, got string',
    });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: 'Running' };
    expect(builtInHealth(pod)).toEqual({
      status: 'Unknown',
      message: 'failed to convert unstructured Pod to typed: status: expected an object, got string',
    });
  });
});

describe('kinds without a check', () => {
  it.each(['none/configmap.yaml', 'none/application.yaml'])('%s has no health', (file) => {
    expect(builtInHealth(fixture(file))).toBeNull();
  });

  it('an object with no apiVersion or kind has no health', () => {
    expect(builtInHealth({ metadata: { name: 'x' } })).toBeNull();
  });
});
