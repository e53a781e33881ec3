// GitHub (and GitHub Enterprise) for the scmProvider and pullRequest generators, as Argo CD reads
// it through go-github: an organisation's repositories with their topics as labels, the default
// branch (none when it is gone) or all branches, contents to test a path, and a repository's open
// pull requests; pages followed through the Link header, 100 at a time.
import { apiPath, headerOf, objectOf, text, type ScmAnswer, type ScmApi } from './api.ts';
import { hasContents, perBranch, pullRequestsWith } from './sharedShapes.ts';
import { cloneUrl, type PullRequestService, type ScmProviderService } from './types.ts';

const PAGE = { name: 'per_page', size: 100 };

/** go-github's next page: the `page` of the Link header's rel="next" URL. */
function linkNext(answer: ScmAnswer): number | null {
  for (const part of headerOf(answer, 'link').split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="next"/.exec(part);
    if (!match) continue;
    try {
      const page = Number(new URL(match[1]!).searchParams.get('page'));
      return Number.isInteger(page) && page > 0 ? page : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** go-github's WithEnterpriseURLs: a slash at the end, and `api/v3/` unless the host is an API host. */
export function githubApiRoot(api: string): string {
  if (api === '') return 'https://api.github.com/';
  const url = new URL(api);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  if (
    !url.pathname.endsWith('/api/v3/') &&
    !url.hostname.startsWith('api.') &&
    !url.hostname.includes('.api.')
  )
    url.pathname += 'api/v3/';
  return url.toString();
}

export const githubAuth = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };

export function githubRepositories(
  api: ScmApi,
  spec: { organization: string; allBranches: boolean; excludeArchivedRepos: boolean },
): ScmProviderService {
  return {
    async listRepos(cloneProtocol) {
      const found = await api.list(apiPath('orgs', spec.organization, 'repos'), {}, PAGE, linkNext);
      return found
        .filter((repo) => !(spec.excludeArchivedRepos && repo.archived === true))
        .map((repo) => ({
          organization: text(objectOf(repo.owner).login),
          repository: text(repo.name),
          branch: text(repo.default_branch),
          url: cloneUrl(cloneProtocol, text(repo.ssh_url), text(repo.clone_url), 'GitHub'),
          sha: '',
          labels: Array.isArray(repo.topics) ? repo.topics.map(text) : [],
          repositoryId: typeof repo.id === 'number' ? repo.id : null,
        }));
    },
    async branches(repo) {
      const repoPath = apiPath('repos', repo.organization, repo.repository, 'branches');
      if (!spec.allBranches) {
        const answer = await api.get(`${repoPath}/${apiPath(repo.branch)}`);
        if (answer.status === 404) return [];
        return [{ ...repo, sha: text(objectOf(objectOf(answer.body).commit).sha) }];
      }
      return perBranch(repo, await api.list(repoPath, {}, PAGE, linkNext), 'sha');
    },
    hasPath: (repo, path) => hasContents(api, repo, path),
  };
}

export function githubPullRequests(
  api: ScmApi,
  spec: { owner: string; repo: string; labels: string[] },
): PullRequestService {
  return {
    async list() {
      const pulls = await api.list(apiPath('repos', spec.owner, spec.repo, 'pulls'), {}, PAGE, linkNext);
      return pullRequestsWith(pulls, spec.labels);
    },
  };
}
