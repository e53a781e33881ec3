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

// Label keys (an optional DNS prefix and a name) and values as Kubernetes accepts them: a selector
// sent to a cluster can hold nothing else, so no value can add a requirement of its own.
const LABEL_NAME =
  /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A selector in Kubernetes' text form, requirements sorted by key as metav1.FormatLabelSelector writes them. */
export function formatLabelSelector(selector: Record<string, unknown>, what: string): string {
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  const requirements = requirementsOf(selector, what);
  const parts = requirements.map((requirement, index) => {
    const { key, operator, values } = requirement;
    if (!LABEL_NAME.test(key))
      throw new GeneratorError(`${what}: ${JSON.stringify(key.slice(0, 80))} is not a label key`);
    const bad = values.find((value) => !LABEL_VALUE.test(value));
    if (bad !== undefined)
      throw new GeneratorError(`${what}: ${JSON.stringify(bad.slice(0, 80))} is not a label value`);
    const listed = `(${[...values].sort().join(',')})`;
    if (index < labels.length) return { key, text: `${key}=${values[0]}` };
    if (operator === 'In') return { key, text: `${key} in ${listed}` };
    if (operator === 'NotIn') return { key, text: `${key} notin ${listed}` };
    return { key, text: operator === 'Exists' ? key : `!${key}` };
  });
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((part) => part.text)
    .join(',');
}
