// What the scmProvider and pullRequest generators read from a provider, as Argo CD's services
// model it: repositories (one entry per branch once branches are read), and open pull requests.
import { GeneratorError } from '../errors.ts';

export interface ScmRepository {
  organization: string;
  repository: string;
  url: string;
  branch: string;
  sha: string;
  labels: string[];
  repositoryId: number | string | null;
}

export interface ScmProviderService {
  /** The owner's repositories, each at its default branch (no SHA yet). */
  listRepos(cloneProtocol: string): Promise<ScmRepository[]>;
  /** The repository once per branch: the default one, or all of them (allBranches), with SHAs. */
  branches(repo: ScmRepository): Promise<ScmRepository[]>;
  /** Whether the file or folder exists on the repository's branch. */
  hasPath(repo: ScmRepository, path: string): Promise<boolean>;
}

export interface PullRequest {
  number: number;
  title: string;
  branch: string;
  targetBranch: string;
  headSha: string;
  labels: string[];
  author: string;
}

export interface PullRequestService {
  /** Open pull requests (the provider's state filter where it has one); NotFound when there is no repository. */
  list(): Promise<PullRequest[]>;
}

/** The URL of a repository for the clone protocol, as Argo CD chooses it ('' and ssh: the SSH URL). */
export function cloneUrl(protocol: string, ssh: string, https: string, provider: string): string {
  if (protocol === '' || protocol === 'ssh') return ssh;
  if (protocol === 'https') return https;
  throw new GeneratorError(`unknown clone protocol for ${provider} ${protocol.slice(0, 40)}`);
}
