// The built-in checks, keyed by group/kind as Argo CD keys them (core kinds by kind alone).
// Each check validates the API version itself, as Argo CD's do.
import { groupKindKey } from '../object.ts';
import type { HealthCheck } from '../types.ts';
import { apiServiceHealth } from './apiservice.ts';
import { crdHealth } from './crd.ts';
import { cronJobHealth } from './cronjob.ts';
import { daemonSetHealth } from './daemonset.ts';
import { deploymentHealth } from './deployment.ts';
import { hpaHealth } from './hpa.ts';
import { ingressHealth } from './ingress.ts';
import { jobHealth } from './job.ts';
import { podHealth } from './pod.ts';
import { pvcHealth } from './pvc.ts';
import { replicaSetHealth } from './replicaset.ts';
import { serviceHealth } from './service.ts';
import { statefulSetHealth } from './statefulset.ts';
import { workflowHealth } from './workflow.ts';

const BUILT_IN = new Map<string, HealthCheck>([
  ['apps/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['extensions/Ingress', ingressHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['argoproj.io/Workflow', workflowHealth],
  ['apiregistration.k8s.io/APIService', apiServiceHealth],
  ['apiextensions.k8s.io/CustomResourceDefinition', crdHealth],
  ['Service', serviceHealth],
  ['PersistentVolumeClaim', pvcHealth],
  ['Pod', podHealth],
  ['batch/Job', jobHealth],
  ['batch/CronJob', cronJobHealth],
  ['autoscaling/HorizontalPodAutoscaler', hpaHealth],
]);

export function builtInCheck(group: string, kind: string): HealthCheck | undefined {
  return BUILT_IN.get(groupKindKey(group, kind));
}
