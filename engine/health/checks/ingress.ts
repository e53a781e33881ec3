// Ingress of networking.k8s.io or extensions, any version (gitops-engine health_ingress.go):
// healthy once the controller published an address.
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function ingressHealth(obj: KubeObject): HealthResult {
  const status = obj.status as { loadBalancer?: { ingress?: unknown } } | undefined;
  // Argo CD ignores a malformed list here rather than failing.
  const ingress = status?.loadBalancer?.ingress;
  return health(Array.isArray(ingress) && ingress.length > 0 ? 'Healthy' : 'Progressing');
}
