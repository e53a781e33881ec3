// Brings desired and live to the two objects that are compared. Server-side: the dry-run's
// predicted live object against live. Client-side: git's object laid over live (minus what
// git no longer sets), so only what git sets is judged. Both sides are normalised and lose
// what ignoreDifferences ignores first.
import { shapeOf } from './identity.ts';
import {
  applyIgnoreRules,
  DEFAULT_JQ_TIMEOUT_MS,
  ruleMatches,
  statusRules,
  type IgnoreContext,
} from './ignoreRules.ts';
import { deepCopy, removeAll } from './json.ts';
import { managedFieldsOf } from './managedFields.ts';
import { lastAppliedOf, normalizeObject } from './normalize.ts';
import { overlay } from './overlay.ts';
import { removedByApply } from './removals.ts';
import { setTrackingId } from './tracking.ts';
import { activeTracking, normalizeLiveTracking } from '../tracking/index.ts';
import { dropTrustedManagerFields } from './trustedManagers.ts';
import type { CompareOptions, KubeObject } from './types.ts';
import { withoutWebhookMutations } from './webhookMutations.ts';

export const DEFAULT_FIELD_MANAGER = 'plumbline';

export interface ComparableSides {
  desired: KubeObject | null;
  live: KubeObject | null;
}

function ignoreContext(options: CompareOptions, warnings: string[]): IgnoreContext {
  return {
    rules: [...statusRules(options.ignoreResourceStatusField), ...(options.ignoreDifferences ?? [])],
    ignoreAggregatedRoles: options.ignoreAggregatedRoles ?? false,
    jqTimeoutMs: options.jqTimeoutMs ?? DEFAULT_JQ_TIMEOUT_MS,
    warnings,
  };
}

/**
 * What the live object should be: the dry run's prediction (without what webhooks added, in
 * Argo CD's server-side diff), else git's object with the app's tracking id, as Argo CD sets it
 * before diffing.
 */
function wantedObject(
  desired: KubeObject,
  live: KubeObject | undefined,
  options: CompareOptions,
): KubeObject {
  const predicted = options.predictedLive;
  if (predicted === undefined) return setTrackingId(desired, options.appName);
  if (!options.ignoreMutationWebhook || live === undefined) return predicted;
  return withoutWebhookMutations(predicted, live, options.fieldManager ?? DEFAULT_FIELD_MANAGER);
}

export async function comparableSides(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  options: CompareOptions,
  warnings: string[],
): Promise<ComparableSides> {
  const ctx = ignoreContext(options, warnings);
  const prepare = (obj: KubeObject): Promise<KubeObject> => applyIgnoreRules(normalizeObject(obj), ctx);
  const wanted = desired === undefined ? null : await prepare(wantedObject(desired, live, options));
  const prepared = live === undefined ? null : await prepare(live);
  // a change of tracking (label to annotation, Plumbline's earlier annotation) is no difference
  const current =
    prepared === null || wanted === null
      ? prepared
      : normalizeLiveTracking(wanted, prepared, options.appName, activeTracking());
  if (wanted === null || current === null || live === undefined) return { desired: wanted, live: current };

  const managedFields = managedFieldsOf(live);
  const trusted = ctx.rules
    .filter((rule) => ruleMatches(rule, live))
    .flatMap((rule) => rule.managedFieldsManagers ?? []);
  dropTrustedManagerFields(trusted, managedFields, wanted, current);
  if (options.predictedLive !== undefined) return { desired: wanted, live: current };

  const lastApplied = lastAppliedOf(live);
  const base = deepCopy(current);
  removeAll(
    base,
    removedByApply(wanted, current, {
      lastApplied: lastApplied === undefined ? undefined : await prepare(lastApplied),
      managedFields,
      fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
    }),
  );
  return { desired: overlay(base, wanted, shapeOf(live)) as KubeObject, live: current };
}
