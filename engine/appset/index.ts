// engine/appset: ApplicationSets turned into the Applications they generate (Argo CD v3 semantics).
export {
  generateApplications,
  RESOURCES_FINALIZER,
  type GenerateOptions,
  type GeneratedApplication,
} from './generate.ts';
export { ApplicationSetError } from './errors.ts';
export { DEFAULT_APPSET_LIMITS, type AppSetLimits } from './limits.ts';
export {
  cachedRepositories,
  staticClusters,
  type ArgoNamespaceSource,
  type ClusterEntry,
  type ClusterSource,
  type DuckSelection,
  type RepositorySource,
  type ScmAccess,
} from './sources.ts';
export { IN_CLUSTER_NAME, IN_CLUSTER_SERVER } from './generators/clusters.ts';
