// The pullRequest generator: one parameter set per open pull request (merge request) of a
// repository on Gitea, GitHub or GitLab, after the set's filters, with Argo CD's parameters
// (number, title, branch, branch_slug, target_branch, target_branch_slug, head_sha,
// head_short_sha, head_short_sha_7, author, and labels with goTemplate) and the generator's
// `values`. A repository that is not there is an error, or no applications with
// continueOnRepoNotFoundError.
import type { Params } from '../params.ts';
import { NotFound, type ScmApi } from '../scm/api.ts';
import { connectApi, field, providerOf, required, stringList } from '../scm/connect.ts';
import { pullRequestFilter } from '../scm/filters.ts';
import { giteaPullRequests } from '../scm/gitea.ts';
import { githubPullRequests } from '../scm/github.ts';
import { gitlabPullRequests } from '../scm/gitlab.ts';
import { slugOf } from '../scm/slug.ts';
import type { PullRequestService } from '../scm/types.ts';
import { addValues, type GeneratorRun } from './run.ts';

const SUPPORTED = ['github', 'gitlab', 'gitea'] as const;
const OTHERS = ['bitbucketServer', 'bitbucket', 'azuredevops'];

function serviceOf(
  provider: (typeof SUPPORTED)[number],
  config: Record<string, unknown>,
  api: ScmApi,
): PullRequestService {
  const labels = stringList(config, 'labels', provider);
  switch (provider) {
    case 'gitea':
      return giteaPullRequests(api, {
        owner: required(config, 'owner', provider),
        repo: required(config, 'repo', provider),
        labels,
      });
    case 'github':
      return githubPullRequests(api, {
        owner: required(config, 'owner', provider),
        repo: required(config, 'repo', provider),
        labels,
      });
    default:
      return gitlabPullRequests(api, {
        project: required(config, 'project', provider),
        labels,
        pullRequestState: field(config, 'pullRequestState', provider),
      });
  }
}

export async function pullRequestParams(spec: Record<string, unknown>, run: GeneratorRun): Promise<Params[]> {
  const { provider, config } = providerOf(spec, SUPPORTED, OTHERS, 'pullRequest');
  const filter = pullRequestFilter(spec.filters);
  const service = serviceOf(provider, config, await connectApi(config, provider, run));
  let pulls;
  try {
    pulls = filter(await service.list());
  } catch (error) {
    if (error instanceof NotFound && spec.continueOnRepoNotFoundError === true) return [];
    throw error;
  }
  run.checkCount(pulls.length, 'pull requests');
  const sets = pulls.map((pull): Params => ({
    number: String(pull.number),
    title: pull.title,
    branch: pull.branch,
    branch_slug: slugOf(pull.branch),
    target_branch: pull.targetBranch,
    target_branch_slug: slugOf(pull.targetBranch),
    head_sha: pull.headSha,
    head_short_sha: pull.headSha.slice(0, 8),
    head_short_sha_7: pull.headSha.slice(0, 7),
    author: pull.author,
    ...(run.goTemplate ? { labels: pull.labels } : {}),
  }));
  return addValues(sets, spec.values, run);
}
