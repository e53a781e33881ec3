// Repository URLs in the form Argo CD compares them when it checks a project's sourceRepos:
// lower case, trimmed, `git@host:org/repo` written as `git@host/org/repo`, without `.git`, then
// read and written back the way Go's net/url does (which refuses a non-numeric port, a bad
// `%` escape or a control character, and escapes characters a path may not hold). A URL that Go
// cannot read becomes '' — in Argo CD too, so two unreadable URLs compare equal.

const scpLikeSsh = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;

/** Characters Go keeps unescaped in a path (unreserved, sub-delimiters, `:`, `@`, `/`, `%`). */
const pathSafe = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/[\]%]*$/;
/** Characters Go refuses in a host name. */
const hostUnsafe = /[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]/;
const badEscape = /%(?![0-9A-Fa-f]{2})/;

function escapePath(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const bytes = new TextEncoder().encode(decoded);
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out +=
      byte < 0x80 && /[A-Za-z0-9\-._~$&+,/:;=@]/.test(c)
        ? c
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.Parse followed by String() for the URL shapes repositories have; null when Go refuses it. */
function goUrlRoundTrip(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  const hash = raw.indexOf('#');
  const fragment = hash < 0 ? null : raw.slice(hash + 1);
  let rest = hash < 0 ? raw : raw.slice(0, hash);
  if (fragment !== null && badEscape.test(fragment)) return null;
  const scheme = /^([a-z][a-z0-9+\-.]*):/.exec(rest)?.[1] ?? '';
  if (rest.startsWith(':')) return null; // missing protocol scheme
  if (scheme) rest = rest.slice(scheme.length + 1);
  const question = rest.indexOf('?');
  const query = question < 0 ? null : rest.slice(question + 1);
  if (question >= 0) rest = rest.slice(0, question);
  let authority: string | null = null;
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2);
    authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  } else if (!rest.startsWith('/') && scheme === '' && (rest.split('/')[0] ?? '').includes(':')) {
    return null; // first path segment in URL cannot contain colon
  }
  if (authority !== null) {
    const at = authority.lastIndexOf('@');
    const host = authority.slice(at + 1);
    if (at >= 0 && badEscape.test(authority.slice(0, at))) return null;
    const bracketEnd = host.startsWith('[') ? host.indexOf(']') : -1;
    if (host.startsWith('[') && bracketEnd < 0) return null;
    const colon = host.lastIndexOf(':');
    if (colon > bracketEnd && !/^\d*$/.test(host.slice(colon + 1))) return null; // invalid port
    if (badEscape.test(host) || hostUnsafe.test(host)) return null;
  }
  if (badEscape.test(rest)) return null;
  const path = pathSafe.test(rest) ? rest : escapePath(rest);
  const opaque = scheme !== '' && authority === null && !rest.startsWith('/');
  let out = scheme ? `${scheme}:` : '';
  if (opaque) out += rest;
  else {
    if (authority !== null && (authority !== '' || path !== '')) out += `//${authority}`;
    out += path;
  }
  if (query !== null) out += `?${query}`;
  if (fragment !== null) out += `#${fragment}`;
  return out;
}

/** A repository URL (or sourceRepos pattern) normalised as Argo CD's NormalizeGitURL does. */
export function normalizeGitUrl(repo: string): string {
  let url = repo.trim().toLowerCase();
  if (scpLikeSsh.test(url) && !url.startsWith('ssh://')) url = `ssh://${url.replace(':', '/')}`;
  if (url.endsWith('.git')) url = url.slice(0, -'.git'.length);
  const roundTrip = goUrlRoundTrip(url);
  if (roundTrip === null) return '';
  return roundTrip.startsWith('ssh://') ? roundTrip.slice('ssh://'.length) : roundTrip;
}
