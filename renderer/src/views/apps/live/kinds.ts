// Short names of Kubernetes kinds for tree cards (kubectl's short names where they exist) and
// their plurals for group labels.
const SHORT: Record<string, string> = {
  ClusterRole: 'crole',
  ClusterRoleBinding: 'crb',
  ConfigMap: 'cm',
  CronJob: 'cj',
  CustomResourceDefinition: 'crd',
  DaemonSet: 'ds',
  Deployment: 'deploy',
  Endpoints: 'ep',
  EndpointSlice: 'eps',
  HorizontalPodAutoscaler: 'hpa',
  Ingress: 'ing',
  Job: 'job',
  Namespace: 'ns',
  NetworkPolicy: 'netpol',
  PersistentVolume: 'pv',
  PersistentVolumeClaim: 'pvc',
  Pod: 'pod',
  PodDisruptionBudget: 'pdb',
  ReplicaSet: 'rs',
  Role: 'role',
  RoleBinding: 'rb',
  Secret: 'secret',
  Service: 'svc',
  ServiceAccount: 'sa',
  StatefulSet: 'sts',
};

export function kindShortName(kind: string): string {
  const capitals = kind.match(/[A-Z]/g) ?? [];
  return SHORT[kind] ?? (capitals.length > 1 ? capitals.join('') : kind.slice(0, 4)).toLowerCase();
}

export function kindPlural(kind: string, count: number): string {
  const lower = kind.toLowerCase();
  if (count === 1) return lower;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
