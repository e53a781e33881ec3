// ignoreDifferences, as Argo CD applies it: the rules matching an object's group and kind
// (globs) and its name and namespace (exact, empty matches all) remove their JSON pointers
// and jq path expressions from both sides before the comparison. A pointer that is not there
// or a jq expression that fails at run time is skipped; a malformed one fails the comparison.
// The system-wide defaults (status ignored, aggregated roles) come in here too.
import { globMatch } from './glob.ts';
import { describeKey, isSecret, objectKey } from './identity.ts';
import { JqError, jqDelete } from './jq.ts';
import { deepCopy, isObject, parsePointer, removeAt } from './json.ts';
import type { CompareOptions, IgnoreDifferenceRule, KubeObject } from './types.ts';

export const DEFAULT_JQ_TIMEOUT_MS = 1000;

export function ruleMatches(rule: IgnoreDifferenceRule, obj: KubeObject): boolean {
  const key = objectKey(obj);
  return (
    globMatch(rule.group ?? '', key.group) &&
    globMatch(rule.kind, key.kind) &&
    (!rule.name || rule.name === key.name) &&
    (!rule.namespace || rule.namespace === key.namespace)
  );
}

/**
 * Argo CD's `resource.compareoptions.ignoreResourceStatusField` as ignore rules: `all` (the
 * 3.x default), `crd` (CustomResourceDefinitions only, with their preserveUnknownFields, the
 * 2.x default) or `off`.
 */
export function statusRules(
  setting: CompareOptions['ignoreResourceStatusField'] = 'all',
): IgnoreDifferenceRule[] {
  if (setting === 'off') return [];
  if (setting === 'crd') {
    return [
      {
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        jsonPointers: ['/status', '/spec/preserveUnknownFields'],
      },
    ];
  }
  return [{ group: '*', kind: '*', jsonPointers: ['/status'] }];
}

/** gitops-engine's normalizeRole: an aggregated role's rules belong to the aggregation controller. */
function dropAggregatedRules(obj: KubeObject): void {
  const isRole = obj.kind === 'Role' || obj.kind === 'ClusterRole';
  if (isRole && objectKey(obj).group === 'rbac.authorization.k8s.io' && isObject(obj.aggregationRule))
    delete obj.rules;
}

export interface IgnoreContext {
  rules: IgnoreDifferenceRule[];
  ignoreAggregatedRoles: boolean;
  jqTimeoutMs: number;
  /** Collects rules that could not be applied to this object. */
  warnings: string[];
}

async function applyJq(obj: KubeObject, expression: string, ctx: IgnoreContext): Promise<KubeObject> {
  try {
    const result = await jqDelete(obj, expression, ctx.jqTimeoutMs);
    if (isObject(result)) return result as KubeObject;
    ctx.warnings.push(`jqPathExpression ${JSON.stringify(expression)} did not return an object`);
  } catch (error) {
    if (!(error instanceof JqError)) throw error;
    const detail = isSecret(obj) ? 'details withheld for a Secret' : error.message;
    const message = `ignoreDifferences jqPathExpression ${JSON.stringify(expression)} on ${describeKey(objectKey(obj))}: ${detail}`;
    if (error.kind === 'compile') throw new Error(message, { cause: error });
    ctx.warnings.push(message);
  }
  return obj;
}

/** A copy of `obj` without what the matching rules ignore. */
export async function applyIgnoreRules(obj: KubeObject, ctx: IgnoreContext): Promise<KubeObject> {
  let result = deepCopy(obj);
  if (ctx.ignoreAggregatedRoles) dropAggregatedRules(result);
  for (const rule of ctx.rules) {
    if (!ruleMatches(rule, result)) continue;
    for (const pointer of rule.jsonPointers ?? []) {
      try {
        removeAt(result, parsePointer(pointer));
      } catch (error) {
        throw new Error(
          `ignoreDifferences jsonPointer for ${rule.group ?? ''}/${rule.kind}: ${String(error)}`,
          { cause: error },
        );
      }
    }
    for (const expression of rule.jqPathExpressions ?? []) result = await applyJq(result, expression, ctx);
  }
  return result;
}
