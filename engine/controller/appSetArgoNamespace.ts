// Argo CD's namespace for the clusterDecisionResource and plugin generators: the `argocd`
// namespace of the cluster that plays in-cluster (setting inClusterDestination), read through the
// engine's connection to it; plugin tokens from the keychain. What the set and its ConfigMaps
// name (a ConfigMap, a group, version and resource, a resource name) is someone else's text: each
// is checked against what Kubernetes allows before it becomes part of a request path.
import type { ArgoNamespaceSource, DuckSelection } from '../appset/index.ts';
import { storedGeneratorSecret } from '../appset/generatorSecret.ts';
import type { ClusterConnection } from '../cluster/index.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { ClusterRegistry } from '../clusters/index.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { resolveDestination } from './destinations.ts';
import type { ConnectionsByKey } from './keyedConnections.ts';

export const ARGO_NAMESPACE = 'argocd';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const VERSION = /^v[0-9]+((alpha|beta)[0-9]+)?$/;
const RESOURCE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`${JSON.stringify(value.slice(0, 80))} is not ${what}`);
  return value;
}

/** The list of a duck-typed resource, chosen by name (a field selector) or by label selector. */
function listPath(selection: DuckSelection): string {
  const group = checked(selection.group, SUBDOMAIN, 'an API group');
  const version = checked(selection.version, VERSION, 'an API version');
  const resource = checked(selection.resource, RESOURCE, 'a resource name');
  const query =
    selection.name !== undefined
      ? `fieldSelector=${encodeURIComponent(`metadata.name=${selection.name}`)}`
      : `labelSelector=${encodeURIComponent(selection.labelSelector ?? '')}`;
  return `/apis/${group}/${version}/namespaces/${ARGO_NAMESPACE}/${resource}?${query}`;
}

/**
 * The namespace on the cluster the setting names (none set: undefined, which the generators
 * explain), connected at each read so that a changed setting or registry counts at once; tokens
 * from `secrets`.
 */
export function clusterArgoNamespace(
  inClusterDestination: () => Promise<string | undefined>,
  connect: (cluster: string) => Promise<ClusterConnection>,
  secrets: SecretStore,
): () => Promise<ArgoNamespaceSource | undefined> {
  return async () => {
    const cluster = await inClusterDestination();
    if (!cluster) return undefined;
    return {
      async configMap(name) {
        const path = `/api/v1/namespaces/${ARGO_NAMESPACE}/configmaps/${checked(name, SUBDOMAIN, 'a ConfigMap name')}`;
        const found = await (
          await connect(cluster)
        ).requestJson<{ data?: Record<string, string> }>({
          verb: 'get',
          method: 'GET',
          path,
          what: `read ConfigMap ${ARGO_NAMESPACE}/${name}`,
        });
        return found.data ?? {};
      },
      async listResources(selection) {
        const list = await (
          await connect(cluster)
        ).requestJson<{ items?: Record<string, unknown>[] }>({
          verb: 'list',
          method: 'GET',
          path: listPath(selection),
          what: `list ${selection.resource} in ${ARGO_NAMESPACE}`,
        });
        return list.items ?? [];
      },
      pluginToken: (secretName, key) => storedGeneratorSecret(secrets, secretName, key),
    };
  };
}

/** The engine's connection to a registered cluster or kubeconfig context, by the setting's name. */
export function connectionByName(
  registry: ClusterRegistry,
  kubeconfig: KubeconfigContexts,
  connections: ConnectionsByKey,
): (cluster: string) => Promise<ClusterConnection> {
  return async (cluster) => {
    const contexts = (await kubeconfig.list()).contexts;
    const found = resolveDestination({ name: 'in-cluster' }, registry.list(), contexts, cluster);
    if ('problem' in found) throw new Error(found.problem);
    return connections.get(found.context.name);
  };
}
