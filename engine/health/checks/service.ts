// v1/Service (gitops-engine health_service.go): a LoadBalancer waits for its address.
import { fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function serviceHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'Service', ['v1']);
  const service = fieldsOf(obj, 'Service');
  if (service.str('spec.type') !== 'LoadBalancer') return health('Healthy');
  return health(service.list('status.loadBalancer.ingress').length > 0 ? 'Healthy' : 'Progressing');
}
