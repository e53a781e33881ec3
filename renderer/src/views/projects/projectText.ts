// A project's rules in plain words: sources, destinations, the kinds it allows and what a sync window
// applies to.
import type { ProjectSummary, ProjectSyncWindow } from '../../../../engine/api/contract.ts';

type GroupKind = { group: string; kind: string };

/** A source or destination pattern; a leading `!` excludes, as in Argo CD. */
function pattern(what: string, value: string | null): string {
  if (!value || value === '*') return `any ${what}`;
  return value.startsWith('!') ? `any ${what} but ${value.slice(1)}` : `${what} ${value}`;
}

export const sourceText = (repo: string) =>
  repo.startsWith('!') || repo === '*' ? pattern('repository', repo) : repo;

export function destinationText(destination: ProjectSummary['destinations'][number]): string {
  return `${pattern('cluster', destination.name ?? destination.server)}, ${pattern('namespace', destination.namespace)}`;
}

const kindName = ({ group, kind }: GroupKind) => (group ? `${group}/${kind}` : kind);

/**
 * What a project lets its applications deploy of one scope. An unset whitelist allows no
 * cluster-scoped kind but every namespaced one; a blacklist takes kinds back.
 */
export function kindRule(
  scope: 'cluster-scoped' | 'namespaced',
  whitelist: GroupKind[] | null,
  blacklist: GroupKind[] | null,
): string {
  const allowed = whitelist ?? (scope === 'namespaced' ? [{ group: '*', kind: '*' }] : []);
  if (allowed.length === 0) return `no ${scope} kinds`;
  const all = allowed.some(({ group, kind }) => group === '*' && kind === '*');
  const rule = all ? `all ${scope} kinds` : `only ${allowed.map(kindName).join(', ')}`;
  return blacklist?.length ? `${rule} except ${blacklist.map(kindName).join(', ')}` : rule;
}

/** The selectors of a window, and whether all or any of them must match. */
export function windowTargets(window: ProjectSyncWindow): {
  joiner: string | null;
  selectors: Array<{ field: string; patterns: string }>;
} {
  const selectors = (['applications', 'namespaces', 'clusters'] as const)
    .filter((field) => window[field].length > 0)
    .map((field) => ({ field, patterns: window[field].join(', ') }));
  const joiner = selectors.length > 1 ? (window.andOperator ? 'all of' : 'any of') : null;
  return { joiner, selectors };
}
