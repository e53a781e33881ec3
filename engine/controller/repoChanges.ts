// Notices new commits cheaply: asks each repository the applications use for its refs
// (`git ls-remote`, no fetch) every interval, and reports the repositories whose refs moved.
import type { RepositoryCache } from '../git/index.ts';
import { appSources } from '../model/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';

const sourceUrls = (app: LoadedApplication) =>
  app.definition ? appSources(app.definition).map((source) => source.repoURL) : [];

export class RepoChanges {
  private readonly lastRefs = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repos: RepositoryCache,
    private readonly urls: () => string[],
    private readonly onMoved: (url: string) => void,
    private readonly intervalMs: number,
  ) {}

  /** Watches the repositories of the applications, and renders again those of a repository that moved. */
  static forApplications(
    repos: RepositoryCache,
    applications: () => LoadedApplication[],
    render: (name: string) => void,
    intervalMs: number,
  ): RepoChanges {
    const moved = (url: string) => {
      for (const app of applications()) if (sourceUrls(app).includes(url)) render(app.name);
    };
    return new RepoChanges(repos, () => applications().flatMap(sourceUrls), moved, intervalMs);
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round; a round still running when the next is due is not started twice. */
  async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await Promise.all([...new Set(this.urls())].map((url) => this.check(url)));
    } finally {
      this.running = false;
    }
  }

  private async check(url: string): Promise<void> {
    let refs: Map<string, string>;
    try {
      refs = await this.repos.lsRemote(url);
    } catch {
      return; // an unreachable repository shows up as a condition when its apps render
    }
    const fingerprint = [...refs]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ref, sha]) => `${ref} ${sha}`)
      .join('\n');
    const before = this.lastRefs.get(url);
    this.lastRefs.set(url, fingerprint);
    // The first answer counts as a move too: a commit may have landed between the render and it.
    if (before !== fingerprint) this.onMoved(url);
  }
}
