// apps/StatefulSet, after kubectl's rollout status (gitops-engine health_statefulset.go).
import { fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function statefulSetHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'StatefulSet', ['v1']);
  const s = fieldsOf(obj, 'StatefulSet');
  const observed = s.int('status.observedGeneration');
  if (observed === 0 || s.int('metadata.generation') > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const desired = s.optionalInt('spec.replicas');
  const ready = s.int('status.readyReplicas');
  const updated = s.int('status.updatedReplicas');
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  }
  const strategy = s.str('spec.updateStrategy.type');
  if (strategy === 'RollingUpdate' && s.has('spec.updateStrategy.rollingUpdate')) {
    const partition = s.optionalInt('spec.updateStrategy.rollingUpdate.partition');
    if (desired !== undefined && partition !== undefined && updated < desired - partition) {
      return health(
        'Progressing',
        `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`,
      );
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy === 'OnDelete') {
    return health('Healthy', `statefulset has ${ready} ready pods (${updated} updated)`);
  }
  const updateRevision = s.str('status.updateRevision');
  const currentRevision = s.str('status.currentRevision');
  if (updateRevision !== currentRevision) {
    return health(
      'Progressing',
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    );
  }
  return health(
    'Healthy',
    `statefulset rolling update complete ${s.int('status.currentReplicas')} pods at revision ${currentRevision}...`,
  );
}
