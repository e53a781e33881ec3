// apps/Deployment, after kubectl's rollout status (gitops-engine health_deployment.go).
import { condition, fieldsOf, quote, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function deploymentHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'Deployment', ['v1']);
  const d = fieldsOf(obj, 'Deployment');
  if (d.bool('spec.paused')) return health('Suspended', 'Deployment is paused');
  if (d.int('metadata.generation') > d.int('status.observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    );
  }
  const updated = d.int('status.updatedReplicas');
  const desired = d.optionalInt('spec.replicas');
  const replicas = d.int('status.replicas');
  const available = d.int('status.availableReplicas');
  if (condition(d, 'Progressing')?.str('reason') === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment ${quote(d.str('metadata.name'))} exceeded its progress deadline`);
  }
  if (desired !== undefined && updated < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`,
    );
  }
  if (replicas > updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  return health('Healthy');
}
