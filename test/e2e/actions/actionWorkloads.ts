// The objects the action e2e tests deploy: a workload of a kind (one replica where it has
// replicas) and a suspended CronJob, in the test's namespace.

export function workload(kind: string, name: string, namespace: string): Record<string, unknown> {
  const labels = { app: name };
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: 'main', image: 'registry.invalid/main:1' }] },
  };
  const spec: Record<string, unknown> = { selector: { matchLabels: labels }, template };
  if (kind !== 'DaemonSet') spec.replicas = 1;
  if (kind === 'StatefulSet') spec.serviceName = name;
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec };
}

export function suspendedCronJob(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace },
    spec: {
      schedule: '0 0 1 1 *',
      suspend: true,
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'registry.invalid/r:1' }] },
          },
        },
      },
    },
  };
}
