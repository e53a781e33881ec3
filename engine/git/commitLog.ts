// Commit metadata for the history and rollback views, read with one `git log`/`git show` whose
// fields are NUL-separated: a commit message can hold any character except NUL.

export interface CommitMetadata {
  sha: string;
  author: string;
  email: string;
  /** Author date, ISO 8601 with the author's offset (`2026-01-31T10:00:00+01:00`). */
  date: string;
  /** Full message: subject, blank line, body; without the trailing newline. */
  message: string;
}

const FIELDS = ['%H', '%an', '%ae', '%aI', '%B'] as const;

/** `--format` for `git log -z` / `git show -s -z`: one NUL between fields (and, with -z, between commits). */
export const COMMIT_FORMAT = `--format=${FIELDS.join('%x00')}`;

export function parseCommits(output: string): CommitMetadata[] {
  const values = output.split('\0');
  const commits: CommitMetadata[] = [];
  for (let at = 0; at + FIELDS.length <= values.length; at += FIELDS.length) {
    const [sha = '', author = '', email = '', date = '', message = ''] = values.slice(at, at + FIELDS.length);
    // `git log -z` ends each entry with the separator; a trailing empty value is not a commit.
    if (sha.trim() === '') break;
    commits.push({ sha: sha.trim(), author, email, date, message: message.replace(/\n+$/, '') });
  }
  return commits;
}
