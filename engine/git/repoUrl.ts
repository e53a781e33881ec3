// Repository URLs: which transports Plumbline accepts, the normalized form that names a
// repository (its cache directory, its keychain account), and the URL git is given — never
// with credentials in it, so they appear in no argv, no config file and no error.
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hasControlCharacters } from './refs.ts';
import { localRepoPath } from './localRepoPath.ts';
import { RepositoryError } from './repositoryError.ts';
import { rememberLogin, scrubUrlCredentials } from './scrub.ts';

export type RepoTransport = 'http' | 'ssh' | 'git' | 'file';

export interface ParsedRepoUrl {
  /** Identity of the repository: lower-case scheme and host, no credentials, no default port, no trailing `/` or `.git`. */
  normalized: string;
  /** The URL as the user wrote it, without credentials: for messages. */
  display: string;
  /** What git is given: no credentials; local repositories as an absolute path. */
  fetchUrl: string;
  transport: RepoTransport;
  /** Credentials written into an http(s) URL, taken out of it and handed to git through askpass. */
  embedded: { username?: string; password?: string };
}

const schemeTransports: Record<string, RepoTransport> = {
  http: 'http',
  https: 'http',
  ssh: 'ssh',
  'git+ssh': 'ssh',
  'ssh+git': 'ssh',
  git: 'git',
  file: 'file',
};
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// `[user@]host:path` as git and scp write it; a drive letter (`C:\repos`) is a local path.
const SCP_LIKE = /^(?:([^@/\s]+)@)?([^:/\s]{2,}):(.+)$/;

export function parseRepoUrl(input: string): ParsedRepoUrl {
  const raw = input.trim();
  const display = scrubUrlCredentials(raw);
  if (raw === '') throw invalid(display, 'the URL is empty');
  // A leading dash would make git read the URL as an option; `::` selects a remote helper
  // (`ext::sh -c ...` runs commands).
  if (raw.startsWith('-')) throw invalid(display, 'a repository URL can not start with "-"');
  if (hasControlCharacters(raw)) throw invalid(display, 'the URL contains control characters');
  if (HAS_SCHEME.test(raw)) return parseSchemeUrl(raw, display);
  if (raw.includes('::'))
    throw invalid(display, 'remote helper URLs (`<transport>::<address>`) are not supported');
  const scp = SCP_LIKE.exec(raw);
  if (scp) {
    const [, user, host = '', path = ''] = scp;
    const normalized = `ssh://${user ? `${user}@` : ''}${host.toLowerCase()}/${trimRepoPath(path.replace(/^\/+/, ''))}`;
    return { normalized, display, fetchUrl: raw, transport: 'ssh', embedded: {} };
  }
  const path = localRepoPath(raw, display);
  return { normalized: normalizedFile(path), display, fetchUrl: path, transport: 'file', embedded: {} };
}

export function normalizeRepoUrl(input: string): string {
  return parseRepoUrl(input).normalized;
}

/** The name of a repository's cache directory: a hash of its normalized URL. */
export function repoCacheKey(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex').slice(0, 32);
}

function parseSchemeUrl(raw: string, display: string): ParsedRepoUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(display, 'not a valid URL');
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const transport = schemeTransports[scheme];
  if (!transport)
    throw invalid(display, `unsupported scheme "${scheme}" (use https, http, ssh, git or file)`);
  if (transport === 'file') {
    const path = fileURLToPath(url);
    return { normalized: normalizedFile(path), display, fetchUrl: path, transport, embedded: {} };
  }
  const embedded: ParsedRepoUrl['embedded'] = {};
  if (url.password) embedded.password = decodeURIComponent(url.password);
  url.password = '';
  if (transport === 'http' && url.username) {
    embedded.username = decodeURIComponent(url.username);
    url.username = '';
  }
  // Taken out of the URL for askpass; whatever a tool prints of them later is scrubbed.
  rememberLogin(embedded);
  // `git+ssh://` and `ssh+git://` are old spellings of `ssh://`.
  const canonicalScheme = transport === 'ssh' ? 'ssh' : scheme;
  const fetchUrl = url.href.replace(/^[^:]+:/, `${canonicalScheme}:`);
  const host = url.hostname.toLowerCase();
  const port = url.port === '' || (transport === 'ssh' && url.port === '22') ? '' : `:${url.port}`;
  const user = url.username ? `${url.username}@` : '';
  const normalized = `${canonicalScheme}://${user}${host}${port}${trimRepoPath(url.pathname)}`;
  return { normalized, display, fetchUrl, transport, embedded };
}

function normalizedFile(path: string): string {
  return trimRepoPath(pathToFileURL(path).href);
}

// `org/app.git/` and `org/app` name the same repository.
function trimRepoPath(path: string): string {
  return path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function invalid(display: string, reason: string): RepositoryError {
  return new RepositoryError('other', `repository URL ${display}: ${reason}`);
}
