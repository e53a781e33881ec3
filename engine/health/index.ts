// Resource health as Argo CD judges it: built-in checks per kind, custom checks in Lua,
// and the aggregation into an application's health.
export {
  HEALTH_STATUSES,
  HealthCheckError,
  isHealthStatus,
  type HealthCheck,
  type HealthResult,
  type HealthStatus,
  type KubeObject,
  type KubeObjectMeta,
} from './types.ts';
export { builtInHealth, healthOf, healthOfEach, healthLookup, hasHealthCheck } from './resourceHealth.ts';
export { stopHealthScripts } from './lua/runner.ts';
export {
  HealthCustomizations,
  loadHealthCustomizations,
  healthCustomizationsFromSettings,
  HEALTH_SCRIPT_FILE,
  type HealthCustomizationOptions,
  type HealthCustomizationProblem,
  type HealthScript,
  type HealthScriptSetting,
} from './customizations.ts';
export {
  aggregateHealth,
  isWorseHealth,
  HEALTH_ORDER,
  IGNORE_HEALTHCHECK_ANNOTATION,
  type HealthItem,
} from './aggregate.ts';
export {
  isHook,
  isSkipped,
  hookTypes,
  HOOK_ANNOTATION,
  HELM_HOOK_ANNOTATION,
  HOOK_FINALIZER,
} from './hooks.ts';
export { IGNORE_RESTART_POLICY_ANNOTATION } from './checks/pod.ts';
export { groupVersionKind, groupKindKey } from './object.ts';
