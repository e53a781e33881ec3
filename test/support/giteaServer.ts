// A real Gitea server for tests (built by test/gitea/build.sh into the cache): started on a free
// 127.0.0.1 port with its own SQLite database in a temporary folder, an admin user and an access
// token made with Gitea's own CLI, and an API helper to create organisations, repositories,
// branches, files, labels and pull requests. Stopped and removed with `close()`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const VERSION = process.env.PLUMBLINE_GITEA_VERSION ?? 'v1.27.3';

export const giteaDir = (): string =>
  join(
    process.env.PLUMBLINE_GITEA_CACHE ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'plumbline', 'gitea'),
    VERSION,
  );

/** Why no Gitea can start here, or null when its build is in the cache. */
export function giteaUnavailable(): string | null {
  return existsSync(join(giteaDir(), 'bin', 'gitea'))
    ? null
    : `Gitea ${VERSION} is not built: run bash test/gitea/build.sh (test/setup.sh does)`;
}

export interface GiteaServer {
  /** The server's URL, as a set's `api` names it (no slash at the end). */
  url: string;
  token: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** An organisation with repositories, each with a README on `main`. */
  createRepo(owner: string, name: string, options?: { archived?: boolean }): Promise<void>;
  addFile(owner: string, repo: string, path: string, branch: string): Promise<void>;
  branch(owner: string, repo: string, name: string, from?: string): Promise<string>;
  label(owner: string, repo: string, name: string): Promise<number>;
  pullRequest(owner: string, repo: string, head: string, title: string, labels?: number[]): Promise<number>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function appIni(work: string, port: number, lfs: boolean): string {
  return `I_AM_BEING_UNSAFE_RUNNING_AS_ROOT = true
APP_NAME = plumbline-test
RUN_MODE = prod
WORK_PATH = ${work}
[server]
PROTOCOL = http
HTTP_ADDR = 127.0.0.1
HTTP_PORT = ${port}
ROOT_URL = http://127.0.0.1:${port}/
DISABLE_SSH = true
OFFLINE_MODE = true
${lfs ? `LFS_START_SERVER = true\nLFS_JWT_SECRET = cGx1bWJsaW5lLXRlc3Qtb25seS1sZnMtand0LWtleSE` : 'LFS_START_SERVER = false'}
STATIC_ROOT_PATH = ${join(giteaDir(), 'static')}
[database]
DB_TYPE = sqlite3
PATH = ${join(work, 'data', 'gitea.db')}
[security]
INSTALL_LOCK = true
SECRET_KEY = plumbline-test-only
[oauth2]
ENABLED = false
[service]
DISABLE_REGISTRATION = true
[repository]
ROOT = ${join(work, 'repos')}
[log]
MODE = file
LEVEL = warn
ROOT_PATH = ${join(work, 'log')}
[indexer]
REPO_INDEXER_ENABLED = false
[cron]
ENABLED = false
[mailer]
ENABLED = false
`;
}

async function waitUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gitea exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/api/v1/version`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('gitea did not answer within 60 s');
}

export interface GiteaOptions {
  /** Serve Git LFS (its objects under the work folder). */
  lfs?: boolean;
}

export async function startGitea(options: GiteaOptions = {}): Promise<GiteaServer> {
  const why = giteaUnavailable();
  if (why) throw new Error(why);
  const binary = join(giteaDir(), 'bin', 'gitea');
  const work = mkdtempSync(join(tmpdir(), 'plumbline-gitea-'));
  mkdirSync(join(work, 'custom', 'conf'), { recursive: true });
  const config = join(work, 'custom', 'conf', 'app.ini');
  const port = await freePort();
  writeFileSync(config, appIni(work, port, options.lfs ?? false));
  const cli = ['--config', config, '--work-path', work];
  const env = { ...process.env, GITEA_WORK_DIR: work, HOME: work };
  const child = spawn(binary, ['web', ...cli], { cwd: work, env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUp(url, child);
    await run(
      binary,
      [
        'admin',
        'user',
        'create',
        ...cli,
        '--admin',
        '--username',
        'tester',
        '--password',
        'tester-pw-4f9a1c',
        '--email',
        'tester@example.test',
        '--must-change-password=false',
      ],
      { cwd: work, env },
    );
    const { stdout } = await run(
      binary,
      ['admin', 'user', 'generate-access-token', ...cli, '--username', 'tester', '--scopes', 'all', '--raw'],
      { cwd: work, env },
    );
    const token = stdout.trim().split('\n').pop()!.trim();
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`gitea ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : null) as T;
    };
    const orgs = new Set<string>();
    return {
      url,
      token,
      api,
      async createRepo(owner, name, options = {}) {
        if (!orgs.has(owner)) {
          await api('POST', '/orgs', { username: owner });
          orgs.add(owner);
        }
        await api('POST', `/orgs/${owner}/repos`, { name, auto_init: true, default_branch: 'main' });
        if (options.archived) await api('PATCH', `/repos/${owner}/${name}`, { archived: true });
      },
      async addFile(owner, repo, path, branch) {
        await api('POST', `/repos/${owner}/${repo}/contents/${path}`, {
          content: Buffer.from(`# ${path}\n`).toString('base64'),
          branch,
          message: `add ${path}`,
        });
      },
      async branch(owner, repo, name, from = 'main') {
        const made = await api<{ commit: { id: string } }>('POST', `/repos/${owner}/${repo}/branches`, {
          new_branch_name: name,
          old_branch_name: from,
        });
        return made.commit.id;
      },
      async label(owner, repo, name) {
        return (
          await api<{ id: number }>('POST', `/repos/${owner}/${repo}/labels`, { name, color: '#336699' })
        ).id;
      },
      async pullRequest(owner, repo, head, title, labels = []) {
        const made = await api<{ number: number }>('POST', `/repos/${owner}/${repo}/pulls`, {
          title,
          head,
          base: 'main',
          labels,
        });
        return made.number;
      },
      async close() {
        child.kill('SIGTERM');
        await new Promise((resolve) =>
          child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
        );
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
