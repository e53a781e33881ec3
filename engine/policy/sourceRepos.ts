// A project's sourceRepos, checked as Argo CD checks them before it renders or syncs anything:
// every source of the application (each of a multi-source one, `$ref`-only sources included)
// must be permitted. Patterns and URLs are compared normalised (see gitUrl.ts) with `/` as the
// glob separator, so `*` stays within one path segment and `**` crosses them. A `!pattern`
// refuses what it matches at once and counts as a match for everything else — so a list of
// only `!` patterns permits every other repository, as in Argo CD. A project without
// sourceRepos permits nothing.
import { appSources, type AppProject, type Application } from '../model/index.ts';
import { normalizeGitUrl } from './gitUrl.ts';
import { policyGlobMatch } from './glob.ts';
import type { Verdict } from './projectRules.ts';

type SourceVerdict = { permitted: true } | { permitted: false; rule: string };

/** Whether one repository URL is permitted, and which rule refuses it when not. */
export function sourceRepoPermitted(patterns: readonly string[], repoURL: string): SourceVerdict {
  const source = normalizeGitUrl(repoURL);
  let anyMatched = false;
  for (const pattern of patterns) {
    const deny = pattern.startsWith('!');
    const normalized = normalizeGitUrl(deny ? pattern.slice(1) : pattern);
    // a plain `*` permits anything, `/` included; `!*` is an ordinary glob and stops at `/`
    const matches = !deny && normalized === '*' ? true : policyGlobMatch(normalized, source, '/');
    if (deny && matches) return { permitted: false, rule: `it matches the deny rule '${pattern}'` };
    if (deny || matches) anyMatched = true;
  }
  if (anyMatched) return { permitted: true };
  return {
    permitted: false,
    rule:
      patterns.length === 0
        ? 'the project lists no sourceRepos'
        : `it matches none of the project's sourceRepos (${patterns.map((p) => `'${p}'`).join(', ')})`,
  };
}

/** Whether every source of the application is permitted by its project; the first refusal names its rule. */
export function sourcesPermitted(project: AppProject, app: Application): Verdict {
  const patterns = project.spec.sourceRepos ?? [];
  for (const source of appSources(app)) {
    const repoURL = source.repoURL ?? '';
    const verdict = sourceRepoPermitted(patterns, repoURL);
    if (!verdict.permitted)
      return {
        allowed: false,
        // Argo CD's wording first, then the rule that decided it
        message: `application repo ${repoURL} is not permitted in project '${project.metadata.name}': ${verdict.rule}`,
      };
  }
  return { allowed: true };
}
