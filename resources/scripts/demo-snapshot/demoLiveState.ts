// The live state of the demo's imagined cluster, made from the demo's rendered manifests: what
// the API server would hold after a sync (defaults, uids, status, ReplicaSets and Pods), then
// what happened since. guestbook was scaled by hand to 3 replicas, helm-guestbook's image was
// hot-patched to an older tag (both drifted: OutOfSync), and kustomize-guestbook matches git but
// its pods crash (Synced and Degraded). Everything is derived from names and one fixed time,
// so the same manifests always give the same file.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../../engine/render/index.ts';
import { DEFAULT_INSTANCE_LABEL } from '../../../engine/tracking/trackingSettings.ts';
import type { RenderedDemoApp } from './renderDemo.ts';

/** When the demo cluster was last "observed": fixed, so the committed file is reproducible. */
export const DEMO_OBSERVED_AT = '2026-11-30T09:30:00Z';
const CREATED_AT = '2026-11-23T08:00:00Z';

/** What changed in the cluster since the demo's last sync, per application. */
export const demoDrift = {
  guestbook: { replicas: 3 },
  'helm-guestbook': { image: 'nginx:1.25-alpine' },
  'kustomize-guestbook': { crashing: true },
} as const satisfies Record<string, { replicas?: number; image?: string; crashing?: boolean }>;

type Drift = { replicas?: number; image?: string; crashing?: boolean };
type Json = Record<string, unknown>;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A stable uuid-shaped uid for an object. */
function uidOf(kind: string, namespace: string, name: string): string {
  const h = hash(`${kind}/${namespace}/${name}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Kubernetes' pod-template-hash and pod suffix alphabet (no vowels, no look-alikes). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
function safeSuffix(seed: string, length: number): string {
  const bytes = Buffer.from(hash(seed), 'hex');
  return Array.from({ length }, (_, i) => SAFE[bytes[i]! % SAFE.length]).join('');
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function liveMetadata(obj: KubeObject, generation?: number): Json {
  const { name = '', namespace = '' } = obj.metadata;
  return {
    ...obj.metadata,
    uid: uidOf(obj.kind, namespace, name),
    resourceVersion: String(parseInt(hash(`${obj.kind}/${namespace}/${name}`).slice(0, 6), 16)),
    creationTimestamp: CREATED_AT,
    ...(generation === undefined ? {} : { generation }),
  };
}

function ownerReference(owner: Json, kind: string): Json {
  const metadata = owner.metadata as Json;
  return {
    apiVersion: 'apps/v1',
    kind,
    name: metadata.name,
    uid: metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The fields the API server fills in on a Deployment's pod template. */
function withPodDefaults(podSpec: Json): Json {
  const containers = (podSpec.containers as Json[]).map((container) => ({
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...container,
    ports: (container.ports as Json[] | undefined)?.map((port) => ({ protocol: 'TCP', ...port })),
  }));
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
    ...podSpec,
    containers,
  };
}

function podStatus(pod: Json, crashing: boolean, index: number): Json {
  const containers = ((pod.spec as Json).containers as Json[]).map((container) => ({
    name: container.name,
    image: container.image,
    imageID: `docker.io/library/${String(container.image)}@sha256:${hash(String(container.image))}`,
    ready: !crashing,
    started: !crashing,
    restartCount: crashing ? 11 + index : 0,
    state: crashing
      ? {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=${String(container.name)}`,
          },
        }
      : { running: { startedAt: DEMO_OBSERVED_AT } },
    ...(crashing
      ? {
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              message: 'host not found in upstream "guestbook-api:8080" in /etc/nginx/conf.d/default.conf:12',
              startedAt: DEMO_OBSERVED_AT,
              finishedAt: DEMO_OBSERVED_AT,
            },
          },
        }
      : {}),
  }));
  const ready = crashing ? 'False' : 'True';
  return {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: CREATED_AT },
      {
        type: 'Ready',
        status: ready,
        lastTransitionTime: CREATED_AT,
        ...(crashing ? { reason: 'ContainersNotReady' } : {}),
      },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: CREATED_AT },
    ],
    hostIP: '10.0.0.12',
    podIP: `10.244.1.${20 + index}`,
    startTime: CREATED_AT,
    containerStatuses: containers,
    qosClass: 'Burstable',
  };
}

function deploymentStatus(replicas: number, crashing: boolean, generation: number): Json {
  const available = crashing ? 0 : replicas;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: available,
    availableReplicas: available,
    ...(crashing ? { unavailableReplicas: replicas } : {}),
    conditions: crashing
      ? [
          {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet has timed out progressing.',
          },
        ]
      : [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: 'ReplicaSet has successfully progressed.',
          },
        ],
  };
}

/** A Deployment as the cluster holds it, with its ReplicaSet and Pods, after `drift`. */
function liveDeployment(desired: KubeObject, drift: Drift): Json[] {
  const spec = clone(desired.spec) as Json;
  const template = spec.template as Json;
  let podSpec = withPodDefaults(template.spec as Json);
  if (drift.image) {
    const [first, ...rest] = podSpec.containers as Json[];
    podSpec = { ...podSpec, containers: [{ ...first, image: drift.image }, ...rest] };
  }
  const replicas = drift.replicas ?? (spec.replicas as number | undefined) ?? 1;
  // a change made by hand is a new generation of the object
  const generation = drift.replicas !== undefined || drift.image !== undefined ? 2 : 1;
  const deployment: Json = {
    ...desired,
    metadata: liveMetadata(desired, generation),
    spec: {
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      ...spec,
      replicas,
      template: { ...template, spec: podSpec },
    },
    status: deploymentStatus(replicas, drift.crashing === true, generation),
  };
  const namespace = desired.metadata.namespace ?? '';
  const name = desired.metadata.name ?? '';
  const templateHash = safeSuffix(`${namespace}/${name}/${JSON.stringify(podSpec)}`, 10);
  const templateLabels = { ...((template.metadata as Json | undefined)?.labels as Json) };
  const labels = { ...templateLabels, 'pod-template-hash': templateHash };
  const rsName = `${name}-${templateHash}`;
  const replicaSet: Json = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace,
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas) },
      ownerReferences: [ownerReference(deployment, 'Deployment')],
      uid: uidOf('ReplicaSet', namespace, rsName),
      resourceVersion: String(parseInt(hash(rsName).slice(0, 6), 16)),
      creationTimestamp: CREATED_AT,
      generation,
    },
    spec: {
      replicas,
      selector: {
        matchLabels: { ...((spec.selector as Json).matchLabels as Json), 'pod-template-hash': templateHash },
      },
      template: { metadata: { labels }, spec: podSpec },
    },
    status: {
      observedGeneration: generation,
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: drift.crashing ? 0 : replicas,
      availableReplicas: drift.crashing ? 0 : replicas,
    },
  };
  const pods = Array.from({ length: replicas }, (_, index): Json => {
    const podName = `${rsName}-${safeSuffix(`${rsName}/${index}`, 5)}`;
    const pod: Json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace,
        labels,
        ownerReferences: [{ ...ownerReference(replicaSet, 'ReplicaSet') }],
        uid: uidOf('Pod', namespace, podName),
        resourceVersion: String(parseInt(hash(podName).slice(0, 6), 16)),
        creationTimestamp: CREATED_AT,
      },
      spec: { ...podSpec, nodeName: 'demo-node-1', serviceAccountName: 'default' },
    };
    return { ...pod, status: podStatus(pod, drift.crashing === true, index) };
  });
  return [deployment, replicaSet, ...pods];
}

function liveService(desired: KubeObject): Json {
  const spec = clone(desired.spec) as Json;
  const name = desired.metadata.name ?? '';
  const ip = parseInt(hash(`${desired.metadata.namespace}/${name}`).slice(0, 2), 16);
  return {
    ...desired,
    metadata: liveMetadata(desired),
    spec: {
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      clusterIP: `10.96.12.${ip}`,
      clusterIPs: [`10.96.12.${ip}`],
      ...spec,
      ports: (spec.ports as Json[]).map((port) => ({ protocol: 'TCP', ...port })),
    },
    status: { loadBalancer: {} },
  };
}

/**
 * Argo CD's instance label beside the tracking annotation, as its `annotation+label` tracking
 * writes both: the demo's objects are the applications' whichever tracking method is set.
 */
function withInstanceLabel(obj: KubeObject, appName: string): KubeObject {
  const labels = { ...obj.metadata.labels, [DEFAULT_INSTANCE_LABEL]: appName };
  return { ...obj, metadata: { ...obj.metadata, labels } };
}

/** The demo cluster's objects: each application's, as the cluster holds them after the drift. */
export function demoLiveObjects(apps: RenderedDemoApp[]): Json[] {
  const objects: Json[] = [];
  for (const app of apps) {
    const drift: Drift = (demoDrift as Record<string, Drift>)[app.name] ?? {};
    for (const rendered of app.objects) {
      const desired = withInstanceLabel(rendered, app.name);
      if (desired.kind === 'Deployment') objects.push(...liveDeployment(desired, drift));
      else if (desired.kind === 'Service') objects.push(liveService(desired));
      else objects.push({ ...clone(desired), metadata: liveMetadata(desired) });
    }
  }
  return objects;
}
