// v1/PersistentVolumeClaim (gitops-engine health_pvc.go): its phase says it all.
import { fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type HealthStatus, type KubeObject } from '../types.ts';

const BY_PHASE: Record<string, HealthStatus> = { Lost: 'Degraded', Pending: 'Progressing', Bound: 'Healthy' };

export function pvcHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'PersistentVolumeClaim', ['v1']);
  const phase = fieldsOf(obj, 'PersistentVolumeClaim').str('status.phase');
  return health(BY_PHASE[phase] ?? 'Unknown');
}
