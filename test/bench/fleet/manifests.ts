// The fleet of issue 19: application i is a folder `apps/app-<i>` in one git repository holding
// 20 objects (a Deployment, Service, ServiceAccount, Role, RoleBinding, Secret and 14
// ConfigMaps) for its own namespace, and an Argo CD Application with auto-sync on.
import { stringify } from 'yaml';

export const CONFIG_MAPS = 14;

export const appName = (index: number) => `fleet-${String(index).padStart(4, '0')}`;

/** The YAML files of one application's folder; `generation` changes every ConfigMap's value. */
export function appFiles(index: number, generation: number): Record<string, string> {
  const name = appName(index);
  const labels = { app: name };
  const objects: object[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { serviceAccountName: name, containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name }],
    },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: { token: `secret-${index}` } },
    ...Array.from({ length: CONFIG_MAPS }, (_, c) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-cm-${c}` },
      data: { value: `generation-${generation}`, index: String(c) },
    })),
  ];
  return { [`apps/${name}/objects.yaml`]: objects.map((obj) => stringify(obj)).join('---\n') };
}

/** The Application of one fleet member: its folder, its namespace, auto-sync with prune and retries. */
export function applicationYaml(index: number, repoURL: string, cluster: string): string {
  const name = appName(index);
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${name}`, targetRevision: 'main' },
      destination: { name: cluster, namespace: name },
      // a shared test cluster may refuse a write now and then: retried, as a fleet would be
      syncPolicy: {
        automated: { prune: true },
        syncOptions: ['CreateNamespace=true'],
        retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '1m' } },
      },
    },
  });
}
