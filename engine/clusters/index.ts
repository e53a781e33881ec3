// engine/clusters: the registered clusters — metadata in the data folder, credentials only in
// the SecretStore — kubeconfig import, exec credential plugins, the connection and permission
// test, and Plumbline's own service account.
export {
  checkPermissions,
  missingPermissions,
  SYNC_VERBS,
  type PermissionCheck,
  type SyncVerb,
} from './accessReview.ts';
export {
  clusterCredentialsSchema,
  execConfigSchema,
  readClusterCredentials,
  writeClusterCredentials,
  type ClusterCredentials,
  type ExecConfig,
} from './clusterCredentials.ts';
export {
  AUTH_KINDS,
  clusterCredentialAccount,
  clusterRecordSchema,
  type AuthKind,
  type ClusterRecord,
} from './clusterRecord.ts';
export {
  clusterRegistry,
  type ClusterChanges,
  type ClusterRegistration,
  type ClusterRegistry,
} from './clusterRegistry.ts';
export { connectionProblem, type ConnectionProblem } from './connectionProblem.ts';
export type { ExecCredential } from './execCredential.ts';
export {
  ExecCredentialCache,
  sharedExecCredentialCache,
  type ExecCacheOptions,
} from './execCredentialCache.ts';
export {
  EXEC_PLUGIN_TIMEOUT_MS,
  ExecPluginError,
  runExecPlugin,
  type ExecPluginOptions,
} from './execPlugin.ts';
export {
  importFromKubeconfig,
  registrationFromKubeConfig,
  type ImportOptions,
} from './importFromKubeconfig.ts';
export { ClusterCandidates } from './clusterCandidates.ts';
export {
  kubeConfigForRegistered,
  kubeConfigWithCredentials,
  lazyKubeConfigForRegistered,
  type CredentialSource,
} from './kubeConfigForRegistered.ts';
export {
  createServiceAccount,
  PLUMBLINE_SERVICE_ACCOUNT,
  withServiceAccountToken,
  type ServiceAccountOptions,
} from './serviceAccount.ts';
export {
  permissionReport,
  testCluster,
  testConnection,
  type ClusterTestResult,
  type ConnectionTest,
  type PermissionReport,
} from './testCluster.ts';
export { runExecThroughPlumbline } from './execForContext.ts';
