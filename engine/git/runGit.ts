// Runs one git command through simple-git: argument array, the environment the caller built
// (never the process's own), an inactivity timeout, optional progress, and failures turned into
// RepositoryErrors that carry git's message with credentials scrubbed.
import { simpleGit } from 'simple-git';
import { classifyGitFailure, gitMessage, repositoryError } from './repositoryError.ts';

export interface GitProgress {
  /** git's stage: `counting`, `compressing`, `receiving`, `resolving`, `writing`… */
  stage: string;
  percent: number;
}

export type ProgressListener = (progress: GitProgress) => void;

export interface GitRun {
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** Kills git after this long without output (progress output counts, so big fetches go on). */
  timeoutMs: number;
  /** What is being done, for the error message: `fetch https://host/org/app.git`. */
  operation: string;
  /** Strings that must not appear in an error (passwords, keys). */
  secrets?: readonly string[];
  /** Progress of a fetch or push; the command must ask git for it (`--progress`). */
  onProgress?: ProgressListener;
}

// The variables Plumbline sets on purpose. simple-git refuses git-related variables it was not
// told about, and strips inherited ones — which is what the clean environment wants anyway.
const plumblineGitVariables = [
  'GIT_ASKPASS',
  'GIT_SSH_COMMAND',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_TERMINAL_PROMPT',
  'GIT_INDEX_FILE',
  'GIT_WORK_TREE',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  // a repository's TLS settings (gitSession.ts): a CA file, no verification, a client certificate
  'GIT_SSL_CAINFO',
  'GIT_SSL_NO_VERIFY',
  'GIT_SSL_CERT',
  'GIT_SSL_KEY',
];

// What simple-git's timeout plugin says when it kills a silent git.
const BLOCK_TIMEOUT = /block timeout reached/;

export async function runGit(args: readonly string[], run: GitRun): Promise<string> {
  const git = simpleGit({
    baseDir: run.cwd,
    timeout: { block: run.timeoutMs },
    allowEnvironment: plumblineGitVariables,
    // simple-git counts a non-zero exit as failure only when git wrote to stderr; `merge-base
    // --is-ancestor` and `cat-file -e` answer "no" with a bare exit code.
    errors: (error, { exitCode, stdErr, stdOut }) =>
      error ??
      (exitCode === 0
        ? undefined
        : Buffer.concat([...stdErr, ...stdOut, Buffer.from(`git exited with code ${exitCode}`)])),
    // Set by Plumbline itself, never from input: its askpass script and ssh command; and the
    // `-c` settings of a checkout (the Git LFS filter, hooks off, the protocols a submodule's
    // fetch may use: engine/git/gitProtections.ts).
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeSshCommand: true,
      allowUnsafeFilter: true,
      allowUnsafeHooksPath: true,
      allowUnsafeProtocolOverride: true,
    },
  }).env({ ...run.env });
  const { onProgress } = run;
  if (onProgress) git.outputHandler((_command, _stdout, stderr) => reportProgress(stderr, onProgress));
  try {
    return await git.raw([...args]);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const kind = classifyGitFailure(raw);
    const detail = BLOCK_TIMEOUT.test(raw)
      ? `git gave no output for ${run.timeoutMs / 1000} s`
      : gitMessage(raw);
    throw repositoryError(kind, run.operation, detail, run.secrets);
  }
}

// `Receiving objects:  42% (21/50)`, also as `remote: Counting objects: ...`, rewritten in place
// with `\r`. (simple-git's own progress option names the stage of remote lines `remote:`.)
const PROGRESS = /^(?:remote: )?(\w+)[\w ]*:\s+(\d+)% \(/;

function reportProgress(stderr: NodeJS.ReadableStream, onProgress: ProgressListener): void {
  stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/[\r\n]+/)) {
      const match = PROGRESS.exec(line);
      if (match?.[1] && match[2]) onProgress({ stage: match[1].toLowerCase(), percent: Number(match[2]) });
    }
  });
}
