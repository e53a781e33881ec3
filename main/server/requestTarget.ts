// Reads the target of an HTTP request line (`GET /assets/app.js?x=1 HTTP/1.1`) without trusting
// it: only origin-form targets (`/path?query`) on our own authority, with a path that decodes to
// text without NUL. Anything else is answered 400 by the caller instead of throwing.
export interface RequestTarget {
  /** the decoded path, always beginning with `/` */
  pathname: string;
  searchParams: URLSearchParams;
}

const base = 'http://plumbline.invalid';

export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  // absolute-form (`http://x/`), authority-form (`host:port`) and `*` are for proxies, not us;
  // `//x/y` would name another authority once resolved against our base.
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // `/%`, `/%c0%af` (overlong UTF-8) and other sequences that are not percent-encoded UTF-8
    return null;
  }
  if (pathname.includes('\0')) return null;
  return { pathname, searchParams: url.searchParams };
}
