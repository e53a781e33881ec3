// What Gitea's and GitHub's REST APIs answer alike: a repository's contents at a ref (any answer
// but 404 means the path is there), branches with their head commit, and pull requests with
// `head`, `base`, `labels` and `user`.
import { apiPath, objectOf, text, type ScmApi } from './api.ts';
import type { PullRequest, ScmRepository } from './types.ts';

export async function hasContents(api: ScmApi, repo: ScmRepository, path: string): Promise<boolean> {
  const answer = await api.get(
    `${apiPath('repos', repo.organization, repo.repository, 'contents')}/${apiPath(...path.split('/'))}`,
    { ref: repo.branch },
  );
  return answer.status !== 404;
}

/** The repository once per branch; `shaKey`: where the branch's commit keeps its SHA (`id`, `sha`). */
export const perBranch = (
  repo: ScmRepository,
  branches: Record<string, unknown>[],
  shaKey: 'id' | 'sha',
): ScmRepository[] =>
  branches.map((branch) => ({
    ...repo,
    branch: text(branch.name),
    sha: text(objectOf(branch.commit)[shaKey]),
  }));

/** The open pull requests that carry every label asked for. */
export const pullRequestsWith = (pulls: Record<string, unknown>[], labels: string[]): PullRequest[] =>
  pulls
    .map((pull): PullRequest => ({
      number: typeof pull.number === 'number' ? pull.number : 0,
      title: text(pull.title),
      branch: text(objectOf(pull.head).ref),
      targetBranch: text(objectOf(pull.base).ref),
      headSha: text(objectOf(pull.head).sha),
      labels: Array.isArray(pull.labels) ? pull.labels.map((label) => text(objectOf(label).name)) : [],
      author: text(objectOf(pull.user).login),
    }))
    .filter((pull) => labels.every((label) => pull.labels.includes(label)));
