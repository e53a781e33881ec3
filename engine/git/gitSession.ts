// The environment of one git operation. Git runs with nothing of the user's setup (no system or
// global config, a private HOME, no terminal prompt, no ssh agent or ~/.ssh/config), so it never
// hangs on a prompt and behaves the same on every machine. Credentials reach it only through
// files in a private directory made for the operation and removed after it: an askpass script
// that reads the username/password files, and an ssh key file. Secret values are never put in
// argv or in the environment (simple-git's debug log prints the environment).
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoCredentials } from '../secrets/repoCredentials.ts';
import { isLeftover, temporaryName } from './leftovers.ts';
import type { RepoTransport } from './repoUrl.ts';
import { rememberLogin, rememberSecret } from './scrub.ts';

export interface GitSessionPlaces {
  /** HOME and XDG_CONFIG_HOME of git: an empty private directory. */
  homeDir: string;
  /** Plumbline's own known_hosts (ssh accepts a new host once, then holds it to its key). */
  knownHostsFile: string;
  /** Parent of the per-operation credential directories. */
  sessionsDir: string;
}

/**
 * How to reach one repository beyond its credentials: what the user set on it (engine/repos).
 * None of it is secret; files made from it live in the session directory all the same.
 */
export interface GitConnectionSettings {
  /** https: no certificate check; ssh: no host key check (the repository's `insecure`). */
  insecure?: boolean;
  /** PEM certificates of the CAs that sign the server's certificate, trusted instead of the system's. */
  tlsCaData?: string;
  /** Proxy URL for http(s), and hosts that bypass it. */
  proxy?: string;
  noProxy?: string;
  /** known_hosts the user manages: ssh refuses a host whose key is not in it. */
  knownHostsFile?: string;
}

/** What one remote operation is done with: credentials and settings. */
export interface GitConnection {
  credentials: RepoCredentials | null;
  settings: GitConnectionSettings;
}

export interface GitSession {
  env: Readonly<Record<string, string>>;
  /** The secret values in play, to scrub from any message. */
  secrets: readonly string[];
  /** Removes every credential file of the session. */
  dispose(): Promise<void>;
}

// A token with no username: GitHub and GitLab accept any user name with a token; this one is
// the name GitHub documents.
const TOKEN_USERNAME = 'x-access-token';
const ASKPASS_SCRIPT = `#!/bin/sh
# Plumbline askpass: answers git's prompt from the files next to this script.
dir=$(dirname "$0")
case "$1" in
  Username*) cat "$dir/username" ;;
  *) cat "$dir/password" ;;
esac
`;
// What git and ssh may inherit: how to find programs, proxies and CA bundles of the machine,
// and what Windows needs to start processes at all.
const inheritedVariables = [
  'PATH',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'SystemRoot',
  'SYSTEMROOT',
  'windir',
  'ComSpec',
  'PATHEXT',
  'TEMP',
  'TMP',
];

// Session directories may be left behind by a crash; prepareGitPlaces sweeps them.
const SESSION_PREFIX = 'git-session-';

export async function openGitSession(
  places: GitSessionPlaces,
  transport: RepoTransport,
  credentials: RepoCredentials | null,
  settings: GitConnectionSettings = {},
): Promise<GitSession> {
  const env: Record<string, string> = cleanEnvironment(places.homeDir);
  const usesPassword = transport === 'http' && Boolean(credentials?.password || credentials?.username);
  const usesKey = transport === 'ssh' && Boolean(credentials?.sshPrivateKey);
  const usesTlsFiles =
    transport === 'http' &&
    Boolean(settings.tlsCaData || (credentials?.tlsClientCertData && credentials.tlsClientCertKey));
  let sessionDir: string | undefined;
  if (usesPassword || usesKey || usesTlsFiles) {
    await mkdir(places.sessionsDir, { recursive: true, mode: 0o700 });
    sessionDir = await mkdtemp(join(places.sessionsDir, temporaryName(SESSION_PREFIX)));
    await chmod(sessionDir, 0o700);
  }
  if (sessionDir && usesPassword && credentials) {
    await writePrivate(join(sessionDir, 'username'), credentials.username ?? TOKEN_USERNAME);
    await writePrivate(join(sessionDir, 'password'), credentials.password ?? '');
    const askpass = join(sessionDir, 'askpass.sh');
    await writeFile(askpass, ASKPASS_SCRIPT, { mode: 0o700 });
    env.GIT_ASKPASS = askpass;
  }
  let keyFile: string | undefined;
  if (sessionDir && usesKey && credentials?.sshPrivateKey) {
    keyFile = join(sessionDir, 'id');
    // ssh rejects a key file without its final newline, which copy-paste often drops.
    await writePrivate(keyFile, `${credentials.sshPrivateKey.trimEnd()}\n`);
  }
  if (transport === 'ssh') env.GIT_SSH_COMMAND = sshCommand(places, keyFile, settings);
  if (transport === 'http') Object.assign(env, await httpSettings(sessionDir, credentials, settings));
  // A user name without a password is a token (`https://<token>@host/...`): a secret too.
  const tokenAsUsername = credentials?.password ? undefined : credentials?.username;
  const secrets = [
    credentials?.password,
    tokenAsUsername,
    credentials?.sshPrivateKey,
    credentials?.tlsClientCertKey,
  ].filter((secret): secret is string => !!secret);
  // Whatever git or the server prints later (an echoed `Authorization` header) is scrubbed too.
  if (credentials?.password)
    rememberLogin({ username: credentials.username ?? TOKEN_USERNAME, password: credentials.password });
  rememberSecret(tokenAsUsername);
  rememberSecret(credentials?.sshPrivateKey);
  rememberSecret(credentials?.tlsClientCertKey);
  return {
    env,
    secrets,
    async dispose() {
      if (sessionDir) await rm(sessionDir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes git's private HOME (with the empty ssh config the ssh command names) and removes the
 * credential directories of sessions whose process is gone (a crash mid-operation).
 */
export async function prepareGitPlaces(places: GitSessionPlaces): Promise<void> {
  await mkdir(places.homeDir, { recursive: true, mode: 0o700 });
  await writeFile(join(places.homeDir, 'ssh_config'), '', { mode: 0o600 });
  await mkdir(places.sessionsDir, { recursive: true, mode: 0o700 });
  for (const name of await readdir(places.sessionsDir)) {
    if (isLeftover(name, SESSION_PREFIX))
      await rm(join(places.sessionsDir, name), { recursive: true, force: true });
  }
}

/** The environment of git commands that need no credentials. */
export function cleanEnvironment(homeDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedVariables) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    HOME: homeDir,
    XDG_CONFIG_HOME: homeDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // Git Credential Manager (Windows, macOS) must not open a login window.
    GCM_INTERACTIVE: 'never',
    // English messages: errors are classified by git's wording.
    LC_ALL: 'C',
    LANG: 'C',
  };
}

// Git reads a repository's TLS settings from GIT_SSL_* (as it reads http.sslCAInfo and the
// like from config): no config file, no argv. Proxies go through curl's own variables.
async function httpSettings(
  sessionDir: string | undefined,
  credentials: RepoCredentials | null,
  settings: GitConnectionSettings,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  if (settings.insecure) env.GIT_SSL_NO_VERIFY = '1';
  if (sessionDir && settings.tlsCaData) {
    env.GIT_SSL_CAINFO = join(sessionDir, 'ca.pem');
    await writePrivate(env.GIT_SSL_CAINFO, settings.tlsCaData);
  }
  if (sessionDir && credentials?.tlsClientCertData && credentials.tlsClientCertKey) {
    env.GIT_SSL_CERT = join(sessionDir, 'client.pem');
    env.GIT_SSL_KEY = join(sessionDir, 'client-key.pem');
    await writePrivate(env.GIT_SSL_CERT, credentials.tlsClientCertData);
    await writePrivate(env.GIT_SSL_KEY, credentials.tlsClientCertKey);
  }
  if (settings.proxy) env.http_proxy = env.https_proxy = env.HTTPS_PROXY = settings.proxy;
  if (settings.noProxy) env.no_proxy = env.NO_PROXY = settings.noProxy;
  return env;
}

// Host keys: against the user's known hosts when given (strict, as Argo CD's ssh_known_hosts);
// not at all for an `insecure` repository; otherwise the first key seen is kept and held to.
function hostKeyOptions(places: GitSessionPlaces, settings: GitConnectionSettings): string[][] {
  if (settings.insecure)
    return [
      ['-o', 'StrictHostKeyChecking=no'],
      ['-o', 'UserKnownHostsFile=/dev/null'],
    ];
  if (settings.knownHostsFile)
    return [
      ['-o', 'StrictHostKeyChecking=yes'],
      ['-o', `UserKnownHostsFile=${settings.knownHostsFile}`],
    ];
  return [
    ['-o', 'StrictHostKeyChecking=accept-new'],
    ['-o', `UserKnownHostsFile=${places.knownHostsFile}`],
  ];
}

function sshCommand(
  places: GitSessionPlaces,
  keyFile: string | undefined,
  settings: GitConnectionSettings,
): string {
  const options = [
    ['-F', join(places.homeDir, 'ssh_config')],
    // Without a stored key, `none` keeps ssh from trying the user's own ~/.ssh/id_* keys.
    keyFile ? ['-i', keyFile] : ['-o', 'IdentityFile=none'],
    ['-o', 'IdentitiesOnly=yes'],
    ['-o', 'IdentityAgent=none'],
    ['-o', 'BatchMode=yes'],
    ...hostKeyOptions(places, settings),
    ['-o', 'ConnectTimeout=30'],
  ];
  return ['ssh', ...options.flat()].map(shellQuote).join(' ');
}

// Git runs GIT_SSH_COMMAND through a shell; paths may hold spaces or quotes.
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

async function writePrivate(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
}
