// The steps of a RollingSync strategy (Argo CD v3's progressive syncs) as its applicationset
// controller reads them: which generated applications each step selects by their labels, how
// many of a step may update at once (maxUpdate), and what is wrong with the configuration.
// Only `In` and `NotIn` are operators: Argo CD flags any other one, and an application without
// the key is selected by every expression except `In`.
import type { ApplicationSet } from '../model/index.ts';
import { ApplicationSetError } from './errors.ts';

type Strategy = NonNullable<ApplicationSet['spec']['strategy']>;
export type RolloutStep = NonNullable<NonNullable<Strategy['rollingSync']>['steps']>[number];
export type MaxUpdate = RolloutStep['maxUpdate'];

/** Argo CD refuses to generate a RollingSync set without steps: nothing is created or updated. */
export function checkRolloutSteps(set: ApplicationSet): void {
  if (rollingSyncSteps(set)?.length === 0)
    throw new ApplicationSetError(set.metadata.name, 'No steps defined for rollout');
}

/** The set's RollingSync steps; null when the set does not roll out (AllAtOnce, or no rollingSync). */
export function rollingSyncSteps(set: ApplicationSet): RolloutStep[] | null {
  const strategy = set.spec.strategy;
  if (strategy?.type !== 'RollingSync' || !strategy.rollingSync) return null;
  return strategy.rollingSync.steps ?? [];
}

/** What Argo CD reports in the InvalidRolloutConfig condition, in its order of priority. */
export interface RolloutIssues {
  invalidOperators: Array<{ step: number; operator: string }>;
  /** Application name → the 0-based steps selecting it, in order. */
  duplicates: Map<string, number[]>;
  emptySteps: number[];
  invalidMaxUpdates: Array<{ step: number; value: string }>;
}

export interface StepSelection {
  /** The applications of each step, in the order given. */
  stepApps: string[][];
  /** The first step (0-based) selecting each application; absent: no step selects it. */
  stepOf: Map<string, number>;
  issues: RolloutIssues;
}

export interface LabelledApp {
  name: string;
  labels: Record<string, string>;
}

function expressionMatches(
  labels: Record<string, string>,
  expression: NonNullable<RolloutStep['matchExpressions']>[number],
  onBadOperator: () => void,
): boolean {
  const key = expression.key ?? '';
  const operator = expression.operator ?? '';
  if (!Object.hasOwn(labels, key)) return operator !== 'In';
  if (operator !== 'In' && operator !== 'NotIn') {
    onBadOperator();
    return false;
  }
  const listed = (expression.values ?? []).includes(labels[key]!);
  return operator === 'In' ? listed : !listed;
}

/** Argo CD's buildAppDependencyList: every step's applications, by its matchExpressions (all must hold). */
export function selectSteps(steps: readonly RolloutStep[], apps: readonly LabelledApp[]): StepSelection {
  const stepApps = steps.map((): string[] => []);
  const stepOf = new Map<string, number>();
  const issues: RolloutIssues = {
    invalidOperators: [],
    duplicates: new Map(),
    emptySteps: [],
    invalidMaxUpdates: [],
  };
  for (const app of apps) {
    steps.forEach((step, index) => {
      const selected = (step.matchExpressions ?? []).every((expression) =>
        expressionMatches(app.labels, expression, () => {
          const operator = expression.operator ?? '';
          if (!issues.invalidOperators.some((i) => i.step === index && i.operator === operator))
            issues.invalidOperators.push({ step: index, operator });
        }),
      );
      if (!selected) return;
      stepApps[index]!.push(app.name);
      const first = stepOf.get(app.name);
      if (first === undefined) stepOf.set(app.name, index);
      else issues.duplicates.set(app.name, [...(issues.duplicates.get(app.name) ?? [first]), index]);
    });
  }
  stepApps.forEach((names, index) => {
    if (names.length === 0) issues.emptySteps.push(index);
  });
  return { stepApps, stepOf, issues };
}

/** Go's strconv.Atoi on a 64-bit machine: an optional sign and digits, within int64. */
function atoi(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const value = BigInt(text);
  if (value > 9223372036854775807n || value < -9223372036854775808n) return null;
  return Number(value);
}

/**
 * How many applications of a step of `total` may be updating at once (Infinity: no maxUpdate).
 * An integer is taken as it is (0: none, negative: none); a percentage rounds down but anything
 * other than "0%" allows at least one; a string that is no percentage is invalid and, as in Argo
 * CD, then allows one.
 */
export function maxUpdateAllowed(maxUpdate: MaxUpdate, total: number): { value: number; invalid: boolean } {
  if (maxUpdate === undefined) return { value: Infinity, invalid: false };
  if (typeof maxUpdate === 'number') return { value: maxUpdate, invalid: false };
  const percent = maxUpdate.endsWith('%') ? atoi(maxUpdate.slice(0, -1)) : null;
  let value = percent === null ? 0 : Math.floor((percent * total) / 100);
  if (maxUpdate !== '0%' && value < 1) value = 1;
  return { value, invalid: percent === null };
}

const stepNumbers = (steps: readonly number[]) => steps.map((step) => String(step + 1));

/** The InvalidRolloutConfig message Argo CD writes for the first kind of issue found; null: none. */
export function rolloutIssueMessage(issues: RolloutIssues): string | null {
  const { invalidOperators, duplicates, invalidMaxUpdates, emptySteps } = issues;
  if (invalidOperators.length > 0) {
    const steps = stepNumbers(invalidOperators.map((i) => i.step)).join(', ');
    const operators = invalidOperators.map((i) => i.operator).join(', ');
    return invalidOperators.length === 1
      ? `Step ${steps} has invalid matchExpression operators: ${operators}. Supported Operators are 'In' and 'NotIn'`
      : `Steps ${steps} have invalid matchExpression operators: ${operators}. Supported Operators are 'In' and 'NotIn'`;
  }
  if (duplicates.size > 0) {
    const names = [...duplicates.keys()].sort();
    const steps = names.map((name) => stepNumbers(duplicates.get(name)!).join('-'));
    return names.length === 1
      ? `Application '${names[0]}' is selected by multiple steps: (${steps[0]})`
      : `Applications '${names.join("', '")}' are selected by multiple steps: [(${steps.join('), (')})]`;
  }
  if (invalidMaxUpdates.length > 0) {
    const steps = stepNumbers(invalidMaxUpdates.map((i) => i.step)).join(', ');
    const values = invalidMaxUpdates.map((i) => i.value).join(', ');
    return invalidMaxUpdates.length === 1
      ? `Step ${steps} has an invalid maxUpdate value: ${values}`
      : `Steps ${steps} have invalid maxUpdate values: [${values}]`;
  }
  if (emptySteps.length > 0)
    return `Steps [${stepNumbers(emptySteps).join(' ')}] have no applications matching their criteria`;
  return null;
}
