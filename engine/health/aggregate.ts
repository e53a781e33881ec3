// An application's health from its objects' health, as Argo CD aggregates it: the worst
// status wins, hooks and objects that opt out are left out.
import type { HealthCustomizations } from './customizations.ts';
import { isHook, isSkipped } from './hooks.ts';
import { annotation, groupVersionKind } from './object.ts';
import { hasHealthCheck } from './resourceHealth.ts';
import type { HealthResult, HealthStatus, KubeObject } from './types.ts';

export const IGNORE_HEALTHCHECK_ANNOTATION = 'argocd.argoproj.io/ignore-healthcheck';

/** From most to least healthy. */
export const HEALTH_ORDER: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export function isWorseHealth(current: HealthStatus, next: HealthStatus): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

export interface HealthItem {
  /** The live object, or the desired one when it is missing from the cluster. */
  obj: KubeObject;
  /** Its health; `Missing` for a desired object that is not live; null when it has none. */
  health: HealthResult | null | undefined;
}

function isArgoApplication(obj: KubeObject): boolean {
  const { group, kind } = groupVersionKind(obj);
  return group === 'argoproj.io' && kind === 'Application';
}

/**
 * The application's health. Left out: hooks (Argo CD and Helm), objects with
 * `argocd.argoproj.io/hook: Skip`, objects annotated `argocd.argoproj.io/ignore-healthcheck:
 * "true"`, objects without health, a missing object of a kind without a health check (a
 * missing ConfigMap says nothing about health, only about sync), and a child Application
 * that is Missing or Unknown. Nothing left → Healthy.
 */
export function aggregateHealth(
  items: Iterable<HealthItem>,
  customizations?: HealthCustomizations,
): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const { obj, health } of items) {
    if (!health || isHook(obj) || isSkipped(obj)) continue;
    if (annotation(obj, IGNORE_HEALTHCHECK_ANNOTATION) === 'true') continue;
    if (health.status === 'Missing' && !hasHealthCheck(obj, customizations)) continue;
    if (isArgoApplication(obj) && (health.status === 'Missing' || health.status === 'Unknown')) continue;
    if (isWorseHealth(worst, health.status)) worst = health.status;
  }
  return worst;
}
