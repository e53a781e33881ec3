// The one scrubber of credentials: every text Plumbline shows, logs, stores or answers through the
// contract passes it. It removes userinfo from URLs (also percent-encoded URLs), the secret of
// `Authorization` headers (`Basic …`, `Bearer …`), and every credential this process has been
// handed (URL userinfo, the askpass credentials of git, keychain entries, kubeconfig tokens and
// keys) in each encoding a tool may print it in. Free of Node so the contract can use it.
import { secretForms } from './secretForms.ts';

// Userinfo runs from `scheme://` to the last `@` of the authority (a password may hold an `@`).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"<>`@]*(?:@[^\s/?#'"<>`@]*)*)@/gi;
// The same URL percent-encoded as a whole (a query parameter, a redirect target).
const ENCODED_URL_USERINFO = /\b([a-z][a-z0-9+.-]*%3A%2F%2F)((?:[^\s/?#'"<>`%]|%(?!2F|40)[0-9a-f]{2})+)%40/gi;
// What follows `Authorization:` is a secret whatever it looks like; after a bare `Basic`/`Bearer`
// only what looks like a token (a digit or a symbol in it), so "basic authentication" stays.
const AUTH_HEADER = /\b(authorization\s*[:=]\s*)(?:(basic|bearer|token)\s+)?[^\s'"]+/gi;
const AUTH_SCHEME_TOKEN = /\b(basic|bearer)(\s+|%20)(?=[\w+/=.~-]*[\d+/=_.~-])[\w+/=.~-]{8,}/gi;
const SSH_SCHEMES = /^(ssh|git\+ssh|ssh\+git):\/\/$/i;
// git's `user:password@host:path` (scp-like, no scheme): a password where only a login name belongs.
const SCP_USERINFO = /(^|[\s'"(=])[^\s@/:'"()=]+:[^\s@/'"]+@(?=[^\s:/'"@]+:)/g;

/**
 * Removes credentials written into URLs. The userinfo goes whole (`***@` marks where it was),
 * except a bare login name of ssh (`ssh://git@host`), which names an account, not a secret.
 */
export function scrubUrlCredentials(text: string): string {
  if (!text.includes('@') && !/%40/i.test(text)) return text;
  return text
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) =>
      SSH_SCHEMES.test(scheme) && !userinfo.includes(':') ? `${scheme}${userinfo}@` : `${scheme}***@`,
    )
    .replace(ENCODED_URL_USERINFO, (_match, scheme: string) => `${scheme}***%40`)
    .replace(SCP_USERINFO, (_match, before: string) => `${before}***@`);
}

/**
 * A URL as Plumbline shows and stores it: without userinfo (only an ssh login name stays). The
 * credentials themselves reach git through askpass, never through the URL.
 */
export function displayUrl(url: string): string {
  if (!url.includes('@')) return url;
  return url
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) =>
      SSH_SCHEMES.test(scheme) && !userinfo.includes(':') ? `${scheme}${userinfo}@` : scheme,
    )
    .replace(SCP_USERINFO, (_match, before: string) => before);
}

/** Replaces each secret, in every encoding of it a tool may print, with `***`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const pattern = patternOf(new Set([...secrets].flatMap(secretForms)));
  return pattern ? text.replace(pattern, '***') : text;
}

export function scrub(text: string, secrets: readonly string[] = []): string {
  let result = scrubUrlCredentials(text)
    .replace(
      AUTH_HEADER,
      (_match, header: string, scheme?: string) => `${header}${scheme ? `${scheme} ` : ''}***`,
    )
    .replace(AUTH_SCHEME_TOKEN, (_match, scheme: string, gap: string) => `${scheme}${gap}***`);
  const pattern = knownPattern();
  if (pattern) result = result.replace(pattern, '***');
  return secrets.length > 0 ? redactSecrets(result, secrets) : result;
}

/** `scrub` applied to every string of a JSON-like value (a contract answer, an event, a stored record). */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map(scrubDeep) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) result[key] = scrubDeep(entry);
    return result as T;
  }
  return value;
}

// The credentials this process has been handed. They stay in memory anyway (the operation that
// uses them holds them); keeping them here lets every text be scrubbed without knowing where it
// came from. Bounded: tokens that rotate (exec plugins) must not grow it forever.
const MAX_KNOWN = 500;
// Shorter values would garble ordinary words; such a secret is not worth the name.
const MIN_SECRET_LENGTH = 4;
const known = new Set<string>();
let knownCache: RegExp | null | undefined;

/** Makes `scrub` remove this secret (a password, token or key) from now on, in every encoding. */
export function rememberSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH || known.has(secret)) return;
  known.add(secret);
  if (known.size > MAX_KNOWN) known.delete(known.values().next().value as string);
  knownCache = undefined;
}

/** Remembers a login: the password (or a token given as the user name) and the `user:password` pair. */
export function rememberLogin(login: { username?: string; password?: string }): void {
  const { username, password } = login;
  // a token as the user name: git sends `token:` in basic auth
  if (!password) {
    rememberSecret(username);
    if (username) rememberSecret(`${username}:`);
    return;
  }
  rememberSecret(password);
  if (username) rememberSecret(`${username}:${password}`);
}

/** Remembers the userinfo of each URL in a text (`https://user:pass@host`, percent-encoded or not). */
export function rememberUrlCredentials(text: string): void {
  for (const match of text.matchAll(URL_USERINFO)) {
    const [, scheme = '', userinfo = ''] = match;
    const colon = userinfo.indexOf(':');
    if (colon < 0 && SSH_SCHEMES.test(scheme)) continue;
    const username = safeDecode(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const password = colon < 0 ? undefined : safeDecode(userinfo.slice(colon + 1));
    rememberLogin(password ? { username, password } : { username });
  }
}

function knownPattern(): RegExp | null {
  if (knownCache === undefined) knownCache = patternOf(new Set([...known].flatMap(secretForms)));
  return knownCache;
}

// One alternation, longest form first, so a secret containing another one is replaced whole.
function patternOf(forms: Set<string>): RegExp | null {
  if (forms.size === 0) return null;
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(ordered.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
