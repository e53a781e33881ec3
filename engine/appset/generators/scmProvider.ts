// The scmProvider generator: one parameter set per repository and branch an organisation holds on
// Gitea, GitHub or GitLab, after the set's filters, with Argo CD's parameters (organization,
// repository, repository_id, url, branch, branchNormalized, sha, short_sha, short_sha_7, labels)
// and the generator's `values`.
import { goValueString, sanitizeName, type Params } from '../params.ts';
import { connectApi, field, flag, providerOf, required } from '../scm/connect.ts';
import { listRepositories } from '../scm/filters.ts';
import { giteaRepositories } from '../scm/gitea.ts';
import { githubRepositories } from '../scm/github.ts';
import { gitlabRepositories } from '../scm/gitlab.ts';
import type { ScmProviderService } from '../scm/types.ts';
import type { ScmApi } from '../scm/api.ts';
import { addValues, type GeneratorRun } from './run.ts';

const SUPPORTED = ['github', 'gitlab', 'gitea'] as const;
const OTHERS = ['bitbucketServer', 'bitbucket', 'azureDevOps', 'awsCodeCommit'];

function serviceOf(
  provider: (typeof SUPPORTED)[number],
  config: Record<string, unknown>,
  api: ScmApi,
): ScmProviderService {
  switch (provider) {
    case 'gitea':
      return giteaRepositories(api, {
        owner: required(config, 'owner', provider),
        allBranches: flag(config, 'allBranches', provider),
        excludeArchivedRepos: flag(config, 'excludeArchivedRepos', provider),
      });
    case 'github':
      return githubRepositories(api, {
        organization: required(config, 'organization', provider),
        allBranches: flag(config, 'allBranches', provider),
        excludeArchivedRepos: flag(config, 'excludeArchivedRepos', provider),
      });
    default:
      return gitlabRepositories(api, {
        group: required(config, 'group', provider),
        allBranches: flag(config, 'allBranches', provider),
        includeSubgroups: flag(config, 'includeSubgroups', provider),
        includeSharedProjects: flag(config, 'includeSharedProjects', provider, true),
        includeArchivedRepos: flag(config, 'includeArchivedRepos', provider),
        topic: field(config, 'topic', provider),
      });
  }
}

export async function scmProviderParams(spec: Record<string, unknown>, run: GeneratorRun): Promise<Params[]> {
  const { provider, config } = providerOf(spec, SUPPORTED, OTHERS, 'scmProvider');
  const cloneProtocol = field(spec, 'cloneProtocol', 'scmProvider');
  const service = serviceOf(provider, config, await connectApi(config, provider, run));
  const repos = await listRepositories(service, spec.filters, cloneProtocol);
  run.checkCount(repos.length, 'repositories and branches');
  const sets = repos.map((repo): Params => {
    const id = run.goTemplate ? repo.repositoryId : goValueString(repo.repositoryId);
    return {
      organization: repo.organization,
      repository: repo.repository,
      repository_id: id,
      url: repo.url,
      branch: repo.branch,
      sha: repo.sha,
      short_sha: repo.sha.slice(0, 8),
      short_sha_7: repo.sha.slice(0, 7),
      labels: repo.labels.join(','),
      branchNormalized: sanitizeName(repo.branch),
    };
  });
  return addValues(sets, spec.values, run);
}
