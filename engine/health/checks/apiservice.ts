// apiregistration.k8s.io/APIService (gitops-engine health_apiservice.go): its Available condition.
import { fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function apiServiceHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'APIService', ['v1', 'v1beta1']);
  const available = fieldsOf(obj, 'APIService')
    .list('status.conditions')
    .find((c) => c.str('type') === 'Available');
  if (!available) return health('Progressing', 'Waiting to be processed');
  const message = `${available.str('reason')}: ${available.str('message')}`;
  return health(available.str('status') === 'True' ? 'Healthy' : 'Progressing', message);
}
