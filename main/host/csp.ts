// The content security policy of Plumbline's pages, desktop and headless: our own scripts and
// styles only, no remote content; `connectSources` adds what the page may open (the headless
// host's WebSocket).
export function contentSecurityPolicyFor(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
