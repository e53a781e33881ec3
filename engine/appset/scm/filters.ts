// The filters of the scmProvider and pullRequest generators, applied in Argo CD's order. An SCM
// filter is a repository filter (repositoryMatch, labelMatch) or a branch filter (pathsExist,
// pathsDoNotExist, branchMatch; its last field decides), filters of one type are alternatives
// (any one matching keeps the repository) and every condition within one filter must hold.
// Repository filters run before branches are read, branch filters after.
import { GeneratorError } from '../errors.ts';
import { isRecord } from '../params.ts';
import { goRegexp, type TextMatcher } from './goRegexp.ts';
import type { PullRequest, ScmProviderService, ScmRepository } from './types.ts';

interface ScmFilter {
  repositoryMatch?: TextMatcher;
  labelMatch?: TextMatcher;
  branchMatch?: TextMatcher;
  pathsExist?: string[];
  pathsDoNotExist?: string[];
  type: 'repo' | 'branch' | 'none';
}

function pathList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new GeneratorError(`${field} is not a list of paths`);
  for (const path of value)
    if (path.split('/').some((part) => part === '..'))
      throw new GeneratorError(`${field}: ${JSON.stringify(path.slice(0, 80))} climbs out of the repository`);
  return value.map((path) => path.replace(/\/+$/, ''));
}

function compileScmFilters(filters: unknown): ScmFilter[] {
  if (filters === undefined || filters === null) return [];
  if (!Array.isArray(filters) || !filters.every(isRecord))
    throw new GeneratorError('scmProvider.filters is not a list of filters');
  return filters.map((filter) => {
    const out: ScmFilter = { type: 'none' };
    const present = (key: string) => filter[key] !== undefined && filter[key] !== null;
    // in Argo CD's order: the last field present decides the filter's type
    if (present('repositoryMatch')) out.repositoryMatch = goRegexp(filter.repositoryMatch, 'RepositoryMatch');
    if (present('labelMatch')) out.labelMatch = goRegexp(filter.labelMatch, 'LabelMatch');
    if (present('pathsExist')) out.pathsExist = pathList(filter.pathsExist, 'pathsExist');
    if (present('pathsDoNotExist')) out.pathsDoNotExist = pathList(filter.pathsDoNotExist, 'pathsDoNotExist');
    if (present('branchMatch')) out.branchMatch = goRegexp(filter.branchMatch, 'BranchMatch');
    if (['repositoryMatch', 'labelMatch'].some(present)) out.type = 'repo';
    if (['pathsExist', 'pathsDoNotExist', 'branchMatch'].some(present)) out.type = 'branch';
    return out;
  });
}

async function matches(
  provider: ScmProviderService,
  repo: ScmRepository,
  filter: ScmFilter,
): Promise<boolean> {
  if (filter.repositoryMatch && !filter.repositoryMatch(repo.repository)) return false;
  if (filter.branchMatch && !filter.branchMatch(repo.branch)) return false;
  if (filter.labelMatch && !repo.labels.some((label) => filter.labelMatch!(label))) return false;
  for (const path of filter.pathsExist ?? []) if (!(await provider.hasPath(repo, path))) return false;
  for (const path of filter.pathsDoNotExist ?? []) if (await provider.hasPath(repo, path)) return false;
  return true;
}

async function kept(
  provider: ScmProviderService,
  repos: ScmRepository[],
  filters: ScmFilter[],
): Promise<ScmRepository[]> {
  if (filters.length === 0) return repos;
  const out: ScmRepository[] = [];
  for (const repo of repos)
    for (const filter of filters)
      if (await matches(provider, repo, filter)) {
        out.push(repo);
        break;
      }
  return out;
}

/** Argo CD's ListRepos: repositories, filtered, then once per branch, filtered again. */
export async function listRepositories(
  provider: ScmProviderService,
  filters: unknown,
  cloneProtocol: string,
): Promise<ScmRepository[]> {
  const compiled = compileScmFilters(filters);
  const repos = await kept(
    provider,
    await provider.listRepos(cloneProtocol),
    compiled.filter((filter) => filter.type === 'repo'),
  );
  const withBranches: ScmRepository[] = [];
  for (const repo of repos) withBranches.push(...(await provider.branches(repo)));
  return kept(
    provider,
    withBranches,
    compiled.filter((filter) => filter.type === 'branch'),
  );
}

/** Argo CD's pull-request filters, compiled: any one filter keeps a pull request, all of its fields must match. */
export function pullRequestFilter(filters: unknown): (pulls: PullRequest[]) => PullRequest[] {
  if (filters === undefined || filters === null) return (pulls) => pulls;
  if (!Array.isArray(filters) || !filters.every(isRecord))
    throw new GeneratorError('pullRequest.filters is not a list of filters');
  const compiled = filters.map((filter) => {
    const field = (key: string, name: string) =>
      filter[key] === undefined || filter[key] === null ? undefined : goRegexp(filter[key], name);
    return {
      branch: field('branchMatch', 'BranchMatch'),
      target: field('targetBranchMatch', 'TargetBranchMatch'),
      title: field('titleMatch', 'TitleMatch'),
    };
  });
  if (compiled.length === 0) return (pulls) => pulls;
  return (pulls) =>
    pulls.filter((pull) =>
      compiled.some(
        (filter) =>
          (!filter.branch || filter.branch(pull.branch)) &&
          (!filter.target || filter.target(pull.targetBranch)) &&
          (!filter.title || filter.title(pull.title)),
      ),
    );
}
