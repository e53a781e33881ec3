// Gitea (and Forgejo) for the scmProvider and pullRequest generators, as Argo CD reads it through
// Gitea's SDK: an organisation's repositories with their issue labels, the default branch or all
// branches, contents to test a path, and a repository's open pull requests. Stricter than Argo CD
// on one point: every page is read, where the SDK's first page holds at most 50.
import { apiPath, objectOf, text, type ScmAnswer, type ScmApi } from './api.ts';
import { GeneratorError } from '../errors.ts';
import { hasContents, perBranch, pullRequestsWith } from './sharedShapes.ts';
import { cloneUrl, type PullRequestService, type ScmProviderService, type ScmRepository } from './types.ts';

const PAGE = { name: 'limit', size: 50 };
const fullPages = (answer: ScmAnswer, page: number, size: number) =>
  Array.isArray(answer.body) && answer.body.length >= size ? page + 1 : null;

/** The API root of a Gitea server given as `api` (`https://gitea.example`). */
export const giteaApiRoot = (api: string): string => `${api.replace(/\/+$/, '')}/api/v1/`;

export const giteaAuth = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `token ${token}` };

const names = (labels: unknown): string[] =>
  Array.isArray(labels) ? labels.map((label) => text(objectOf(label).name)) : [];

export function giteaRepositories(
  api: ScmApi,
  spec: { owner: string; allBranches: boolean; excludeArchivedRepos: boolean },
): ScmProviderService {
  return {
    async listRepos(cloneProtocol) {
      const found = await api.list(apiPath('orgs', spec.owner, 'repos'), {}, PAGE, fullPages);
      const repos: ScmRepository[] = [];
      for (const repo of found) {
        const url = cloneUrl(cloneProtocol, text(repo.ssh_url), text(repo.html_url), 'Gitea');
        const labels = await api.list(
          apiPath('repos', spec.owner, text(repo.name), 'labels'),
          {},
          PAGE,
          fullPages,
        );
        if (spec.excludeArchivedRepos && repo.archived === true) continue;
        repos.push({
          organization: spec.owner,
          repository: text(repo.name),
          branch: text(repo.default_branch),
          url,
          sha: '',
          labels: names(labels),
          repositoryId: typeof repo.id === 'number' ? repo.id : null,
        });
      }
      return repos;
    },
    async branches(repo) {
      if (!spec.allBranches) {
        const answer = await api.get(apiPath('repos', spec.owner, repo.repository, 'branches', repo.branch));
        if (answer.status === 404)
          throw new GeneratorError(
            `got 404 while getting default branch ${JSON.stringify(repo.branch)} for repo ${JSON.stringify(repo.repository)} - check your repo config`,
          );
        return [{ ...repo, sha: text(objectOf(objectOf(answer.body).commit).id) }];
      }
      const branches = await api.list(
        apiPath('repos', spec.owner, repo.repository, 'branches'),
        {},
        PAGE,
        fullPages,
      );
      return perBranch(repo, branches, 'id');
    },
    // a folder answers a list, which Argo CD's SDK reports as "expect file, got directory": found
    hasPath: (repo, path) => hasContents(api, repo, path),
  };
}

export function giteaPullRequests(
  api: ScmApi,
  spec: { owner: string; repo: string; labels: string[] },
): PullRequestService {
  return {
    async list() {
      const path = apiPath('repos', spec.owner, spec.repo, 'pulls');
      const pulls = await api.list(path, { state: 'open' }, PAGE, fullPages);
      return pullRequestsWith(pulls, spec.labels);
    },
  };
}
