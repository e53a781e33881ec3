// engine/diff: comparing desired (rendered from git) with live Kubernetes objects as Argo CD
// does — normalisation, server-side or client-side diff, ignoreDifferences, tracking ids,
// app sync status, Secret masking, and the text diff and YAML the UI shows.
export { appSyncStatus, type AppSyncInputs, type AppSyncStatus } from './appStatus.ts';
export {
  appDiffOptions,
  type AppDiffOptions,
  COMPARE_OPTIONS_ANNOTATION,
  hasCompareOption,
  HELM_HOOK_ANNOTATION,
  HOOK_ANNOTATION,
  isHook,
  isSkipped,
} from './annotations.ts';
export { compareObject } from './compareObject.ts';
export { describeKey, objectKey } from './identity.ts';
export { DEFAULT_JQ_TIMEOUT_MS, ruleMatches, statusRules } from './ignoreRules.ts';
export { stopJq } from './jq.ts';
export { maskSecretObjects, maskSecrets } from './mask.ts';
export { canonicalQuantity } from './quantity.ts';
export { withIgnoredLiveValues } from './respectIgnored.ts';
export { DEFAULT_FIELD_MANAGER } from './sides.ts';
export { diffLines, type DiffHunk, type DiffLine, type TextDiff } from './textDiff.ts';
export {
  formatTrackingId,
  isTrackedBy,
  parseTrackingId,
  setTrackingId,
  TRACKING_ANNOTATION,
  trackingIdOf,
  type TrackingId,
} from './tracking.ts';
export { SYNC_STATUSES } from './types.ts';
export type {
  CompareOptions,
  ComparisonReason,
  IgnoreDifferenceRule,
  KubeObject,
  ObjectComparison,
  ObjectKey,
  SyncStatus,
} from './types.ts';
export { yamlOf } from './yaml.ts';
