// GitLab for the scmProvider and pullRequest generators, as Argo CD reads it through GitLab's
// client: a group's projects (subgroups, shared projects, a topic), topics (or the older tag
// list) as labels, the default branch or all branches, a file or else a folder to test a path,
// and a project's merge requests filtered by labels and state on the server; pages followed
// through X-Next-Page, 100 at a time.
import { apiPath, headerOf, NotFound, objectOf, text, type ScmAnswer, type ScmApi } from './api.ts';
import { cloneUrl, type PullRequest, type PullRequestService, type ScmProviderService } from './types.ts';

const PAGE = { name: 'per_page', size: 100 };
const nextPage = (answer: ScmAnswer): number | null => {
  const next = Number(headerOf(answer, 'x-next-page'));
  return Number.isInteger(next) && next > 0 ? next : null;
};

/** GitLab's client: a slash at the end, and `api/v4/` unless the URL already ends with it. */
export function gitlabApiRoot(api: string): string {
  if (api === '') return 'https://gitlab.com/api/v4/';
  const url = new URL(api);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  if (!url.pathname.endsWith('/api/v4/')) url.pathname += 'api/v4/';
  return url.toString();
}

export const gitlabAuth = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { 'private-token': token };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : []);

export function gitlabRepositories(
  api: ScmApi,
  spec: {
    group: string;
    allBranches: boolean;
    includeSubgroups: boolean;
    includeSharedProjects: boolean;
    includeArchivedRepos: boolean;
    topic: string;
  },
): ScmProviderService {
  return {
    async listRepos(cloneProtocol) {
      const query: Record<string, string> = {
        include_subgroups: String(spec.includeSubgroups),
        with_shared: String(spec.includeSharedProjects),
        topic: spec.topic,
        ...(spec.includeArchivedRepos ? { archived: 'true' } : {}),
      };
      const found = await api.list(apiPath('groups', spec.group, 'projects'), query, PAGE, nextPage);
      return found.map((project) => {
        const topics = strings(project.topics);
        return {
          organization: text(objectOf(project.namespace).full_path),
          repository: text(project.path),
          url: cloneUrl(
            cloneProtocol,
            text(project.ssh_url_to_repo),
            text(project.http_url_to_repo),
            'Gitlab',
          ),
          branch: text(project.default_branch),
          sha: '',
          labels: topics.length === 0 ? strings(project.tag_list) : topics,
          repositoryId: typeof project.id === 'number' ? project.id : null,
        };
      });
    },
    async branches(repo) {
      const branchesPath = apiPath('projects', String(repo.repositoryId), 'repository', 'branches');
      if (!spec.allBranches) {
        const answer = await api.get(`${branchesPath}/${apiPath(repo.branch)}`);
        if (answer.status === 404) return [];
        return [{ ...repo, sha: text(objectOf(objectOf(answer.body).commit).id) }];
      }
      try {
        const branches = await api.list(branchesPath, {}, PAGE, nextPage);
        return branches.map((branch) => ({
          ...repo,
          branch: text(branch.name),
          sha: text(objectOf(branch.commit).id),
        }));
      } catch (error) {
        if (error instanceof NotFound) return [];
        throw error;
      }
    },
    async hasPath(repo, path) {
      const project = objectOf(
        await api.found(apiPath('projects', `${repo.organization}/${repo.repository}`)),
      );
      const id = String(project.id);
      const file = await api.get(apiPath('projects', id, 'repository', 'files', path), { ref: repo.branch });
      if (file.status !== 404) return true;
      const tree = await api.get(apiPath('projects', id, 'repository', 'tree'), { path, ref: repo.branch });
      return tree.status !== 404;
    },
  };
}

export function gitlabPullRequests(
  api: ScmApi,
  spec: { project: string; labels: string[]; pullRequestState: string },
): PullRequestService {
  return {
    async list() {
      const query: Record<string, string> = {
        ...(spec.labels.length > 0 ? { labels: spec.labels.join(',') } : {}),
        ...(spec.pullRequestState !== '' ? { state: spec.pullRequestState } : {}),
      };
      const requests = await api.list(
        apiPath('projects', spec.project, 'merge_requests'),
        query,
        PAGE,
        nextPage,
      );
      return requests.map((request): PullRequest => ({
        number: typeof request.iid === 'number' ? request.iid : 0,
        title: text(request.title),
        branch: text(request.source_branch),
        targetBranch: text(request.target_branch),
        headSha: text(request.sha),
        labels: strings(request.labels),
        author: text(objectOf(request.author).username),
      }));
    },
  };
}
