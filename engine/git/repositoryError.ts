// The one error type of engine/git: a kind the UI and the controller can act on, and a message
// ready to show as an application condition (operation, repository, git's own words), with every
// credential scrubbed.
import { z } from 'zod';
import { scrub } from './scrub.ts';

export const repositoryErrorKinds = [
  'unreachable',
  'auth',
  'unknown-revision',
  'timeout',
  // A push the remote refused: the branch moved (non-fast-forward) or a hook/protection declined.
  'rejected',
  'other',
] as const;
export type RepositoryErrorKind = (typeof repositoryErrorKinds)[number];

export const repositoryErrorSchema = z.object({ kind: z.enum(repositoryErrorKinds), message: z.string() });

export class RepositoryError extends Error {
  constructor(
    readonly kind: RepositoryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RepositoryError';
  }

  toJSON(): z.infer<typeof repositoryErrorSchema> {
    return { kind: this.kind, message: this.message };
  }
}

/**
 * Builds a RepositoryError whose message is `<operation>: <detail>`, scrubbed of URL userinfo
 * and of the given secrets.
 */
export function repositoryError(
  kind: RepositoryErrorKind,
  operation: string,
  detail: string,
  secrets: readonly string[] = [],
): RepositoryError {
  return new RepositoryError(kind, scrub(`${operation}: ${detail}`, secrets));
}

// Git runs with LC_ALL=C, so its messages are English. Order matters: a timeout or an auth
// failure is also reported as "could not read from remote repository".
const kindPatterns: ReadonlyArray<readonly [RepositoryErrorKind, RegExp]> = [
  ['timeout', /block timeout reached|timed out|operation too slow/i],
  [
    'auth',
    /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \(|access denied|returned error: 40[13]|invalid username or password|bad credentials|load key .*: (invalid format|error in libcrypto)/i,
  ],
  ['rejected', /\[rejected\]|\[remote rejected\]|non-fast-forward|\(fetch first\)/i],
  [
    'unknown-revision',
    /unknown revision|bad revision|not a valid object name|couldn't find remote ref|not a valid commit name|bad object|ambiguous argument/i,
  ],
  [
    'unreachable',
    /could not resolve host|connection refused|failed to connect|couldn't connect|no route to host|network is unreachable|does not appear to be a git repository|repository not found|returned error: 404|could not read from remote repository|unable to access|name or service not known|connection reset|connection closed|not found/i,
  ],
];

/** The kind of a failure from git's own message (before scrubbing, which may garble words). */
export function classifyGitFailure(message: string): RepositoryErrorKind {
  return kindPatterns.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

const PROGRESS_LINE = /^(remote: )?[\w ]+: +\d+% \(\d+\/\d+\)/;

/** Git's message without advice (`hint:` lines) and progress noise, for a one-glance condition. */
export function gitMessage(raw: string): string {
  const lines = raw
    .split('\n')
    // A progress line is rewritten in place with `\r`; its last state is what counts. ssh ends
    // its lines with `\r\n`.
    .map((line) => line.replace(/\r+$/, ''))
    .map((line) => line.slice(line.lastIndexOf('\r') + 1).trim())
    .filter((line) => line !== '' && !line.startsWith('hint:') && !PROGRESS_LINE.test(line));
  return lines.join('\n') || 'git gave no message';
}
