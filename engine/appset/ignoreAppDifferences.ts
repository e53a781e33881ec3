// ApplicationSet `ignoreApplicationDifferences`, as Argo CD v3 applies it when it updates a
// generated Application: the fields the rules name (JSON pointers, jq path expressions; a rule
// with a `name` only for that application) are removed from the existing and the generated
// Application, the merge patch between the two is applied to the existing one, so what the rules
// name keeps the value it has (an edit made on the application) and everything else is the
// generated value. The same rules decide which edits of a generated application may be made.
import { applyMergePatch, createMergePatch } from '../actions/mergePatch.ts';
import { applyIgnoreRules, DEFAULT_JQ_TIMEOUT_MS } from '../diff/ignoreRules.ts';
import { deepEqual } from '../diff/json.ts';
import type { IgnoreDifferenceRule, KubeObject } from '../diff/types.ts';
import { applicationSchema, type Application, type ApplicationSet } from '../model/index.ts';
import { GeneratorError } from './errors.ts';
import { isRecord } from './params.ts';

const strings = (value: unknown, field: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new GeneratorError(`ignoreApplicationDifferences: ${field} is not a list of strings`);
  return value;
};

/** The set's rules that apply to the application `name`, as ignoreDifferences rules of Applications. */
export function ignoreRulesFor(set: ApplicationSet, name: string): IgnoreDifferenceRule[] {
  const rules = (set.spec as { ignoreApplicationDifferences?: unknown }).ignoreApplicationDifferences;
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules) || !rules.every(isRecord))
    throw new GeneratorError('ignoreApplicationDifferences is not a list of rules');
  return rules
    .filter((rule) => rule.name === undefined || rule.name === null || rule.name === '' || rule.name === name)
    .map((rule) => ({
      group: 'argoproj.io',
      kind: 'Application',
      jsonPointers: strings(rule.jsonPointers, 'jsonPointers'),
      jqPathExpressions: strings(rule.jqPathExpressions, 'jqPathExpressions'),
    }));
}

async function without(app: Application, rules: IgnoreDifferenceRule[]): Promise<Record<string, unknown>> {
  const context = { rules, ignoreAggregatedRoles: false, jqTimeoutMs: DEFAULT_JQ_TIMEOUT_MS, warnings: [] };
  return (await applyIgnoreRules(app as unknown as KubeObject, context)) as Record<string, unknown>;
}

/** `generated`, with what the rules name kept as `existing` has it. */
async function keptWhereIgnored(
  generated: Application,
  existing: Application,
  rules: IgnoreDifferenceRule[],
): Promise<Application> {
  const patch = createMergePatch(await without(existing, rules), await without(generated, rules));
  const merged = applyMergePatch(existing, patch) as Application;
  // a jq expression never renames the application or moves it
  merged.metadata = { ...merged.metadata, name: generated.metadata.name };
  const checked = applicationSchema.safeParse(merged);
  if (!checked.success)
    throw new GeneratorError(
      `ignoreApplicationDifferences leaves ${generated.metadata.name} not a valid Application: ${checked.error.issues[0]?.message ?? ''}`,
    );
  return checked.data;
}

/** The generated applications, each keeping what the set's rules name as its existing version has it. */
export async function keepIgnoredFields(
  set: ApplicationSet,
  current: readonly Application[],
  desired: readonly Application[],
): Promise<Application[]> {
  const existing = new Map(current.map((app) => [app.metadata.name, app]));
  const out: Application[] = [];
  for (const generated of desired) {
    const found = existing.get(generated.metadata.name);
    const rules = found ? ignoreRulesFor(set, generated.metadata.name) : [];
    out.push(found && rules.length > 0 ? await keptWhereIgnored(generated, found, rules) : generated);
  }
  return out;
}

/** Whether `edited` differs from `current` only where the set's rules for it look away. */
export async function changesOnlyIgnoredFields(
  set: ApplicationSet,
  current: Application,
  edited: Application,
): Promise<boolean> {
  const rules = ignoreRulesFor(set, current.metadata.name);
  if (rules.length === 0) return deepEqual(current, edited);
  return deepEqual(await without(current, rules), await without(edited, rules));
}
