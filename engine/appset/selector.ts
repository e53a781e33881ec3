// Kubernetes label selectors (`matchLabels`, `matchExpressions`) over string maps: the
// generators' `selector` post-filter on flattened parameters, and the clusters generator's
// selector on cluster labels. All requirements must hold; an empty selector matches everything.
import { GeneratorError } from './errors.ts';
import { isRecord } from './params.ts';

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export type LabelMatcher = (labels: Readonly<Record<string, string>>) => boolean;

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function requirementsOf(selector: Record<string, unknown>, what: string): Requirement[] {
  const requirements: Requirement[] = [];
  const matchLabels = selector.matchLabels ?? {};
  if (!isRecord(matchLabels)) throw new GeneratorError(`${what}.matchLabels is not a map`);
  for (const [key, value] of Object.entries(matchLabels))
    requirements.push({ key, operator: 'In', values: [String(value)] });
  const expressions = selector.matchExpressions ?? [];
  if (!Array.isArray(expressions)) throw new GeneratorError(`${what}.matchExpressions is not a list`);
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string')
      throw new GeneratorError(`${what}.matchExpressions holds an entry without a key`);
    const operator = String(expression.operator);
    if (!OPERATORS.has(operator))
      throw new GeneratorError(`${what}: ${JSON.stringify(operator)} is not a valid selector operator`);
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
      throw new GeneratorError(`${what}: for 'in', 'notin' operators, values set can't be empty`);
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
      throw new GeneratorError(`${what}: values set must be empty for exists and does not exist`);
    requirements.push({ key: expression.key, operator: operator as Requirement['operator'], values });
  }
  return requirements;
}

/** Whether `selector` has any requirement at all (an empty one matches everything). */
export function selectorIsEmpty(selector: unknown): boolean {
  if (!isRecord(selector)) return true;
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels === 0 && expressions === 0;
}

export function labelMatcher(selector: unknown, what: string): LabelMatcher {
  if (selector === undefined || selector === null) return () => true;
  if (!isRecord(selector)) throw new GeneratorError(`${what} is not a label selector`);
  const requirements = requirementsOf(selector, what);
  return (labels) =>
    requirements.every(({ key, operator, values }) => {
      const has = Object.hasOwn(labels, key);
      switch (operator) {
        case 'In':
          return has && values.includes(labels[key]!);
        case 'NotIn':
          return !has || !values.includes(labels[key]!);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
      }
    });
}
