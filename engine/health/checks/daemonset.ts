// apps/DaemonSet, after kubectl's rollout status (gitops-engine health_daemonset.go).
import { fieldsOf, quote, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function daemonSetHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'DaemonSet', ['v1']);
  const d = fieldsOf(obj, 'DaemonSet');
  if (d.int('metadata.generation') > d.int('status.observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    );
  }
  const updated = d.int('status.updatedNumberScheduled');
  const desired = d.int('status.desiredNumberScheduled');
  if (d.str('spec.updateStrategy.type') === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  const name = quote(d.str('metadata.name'));
  if (updated < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  const available = d.int('status.numberAvailable');
  if (available < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return health('Healthy');
}
