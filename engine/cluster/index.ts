// engine/cluster: the kubeconfig contexts, one lazily made connection per cluster with
// discovery, the live-state cache (list+watch per resource type), application resource
// trees, server-side-apply dry runs and object events.
export { isUnreachableError, KubeApiError } from './apiError.ts';
export type { BackoffOptions } from './backoff.ts';
export { ClusterConnection, type ClusterConnectionOptions, type ServerVersion } from './clusterConnection.ts';
export { ClusterConnections } from './clusterConnections.ts';
export type { ConnectionState, ConnectionStateName } from './connectionState.ts';
export type { ApiResource } from './discovery.ts';
export { dryRunApply, type DryRunOptions, type DryRunResult } from './dryRunApply.ts';
export { kubeConfigForContext } from './kubeConfigForContext.ts';
export { KubeconfigContexts } from './kubeconfigContexts.ts';
export { kubeconfigFiles } from './kubeconfigFiles.ts';
export { LiveCache, type LiveCacheOptions } from './liveCache.ts';
export { events, type ObjectEvent } from './objectEvents.ts';
export { ObjectIndex, type TypeQuery } from './objectIndex.ts';
export { readKubeContexts } from './readKubeContexts.ts';
export {
  CHILD_RESOURCE_TYPES,
  describeType,
  keyOfObject,
  keyString,
  typeKeyOf,
  type ResourceType,
} from './resourceTypes.ts';
export { resourceTree, type TreeNode, type TreeSource } from './resourceTree.ts';
