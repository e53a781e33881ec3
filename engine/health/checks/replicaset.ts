// apps/ReplicaSet (gitops-engine health_replicaset.go).
import { condition, fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function replicaSetHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'ReplicaSet', ['v1']);
  const r = fieldsOf(obj, 'ReplicaSet');
  if (r.int('metadata.generation') > r.int('status.observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed replica set generation less than desired generation',
    );
  }
  const failure = condition(r, 'ReplicaFailure');
  if (failure && failure.str('status') === 'True') return health('Degraded', failure.str('message'));
  const desired = r.optionalInt('spec.replicas');
  const available = r.int('status.availableReplicas');
  if (desired !== undefined && available < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`,
    );
  }
  return health('Healthy');
}
