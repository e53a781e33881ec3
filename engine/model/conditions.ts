// Application condition types, with Argo CD's names: the suffix says how bad it is
// (`...Error` stops syncs, `...Warning` informs).
export const applicationConditionTypes = [
  'DeletionError',
  'InvalidSpecError',
  'ComparisonError',
  'SyncError',
  'UnknownError',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
  'ExcludedResourceWarning',
  'OrphanedResourceWarning',
] as const;
export type ApplicationConditionType = (typeof applicationConditionTypes)[number];

export function isErrorCondition(type: string): boolean {
  return type.endsWith('Error');
}
