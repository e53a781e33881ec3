// The content security policy of Plumbline's pages, desktop and headless: our own scripts and
// styles only, no remote content, no inline script or style. `connectSources` adds what the page
// may open (the headless host's WebSocket); `styleNonce` is the per-response nonce that lets the
// page's own script add <style> elements (xterm's, see renderer/src/csp/styleNonce.ts) while
// styles injected into the markup stay blocked.
export interface PolicyOptions {
  connectSources?: readonly string[];
  styleNonce?: string;
}

export function contentSecurityPolicyFor(options: PolicyOptions = {}): string {
  const styleSources = ["'self'", ...(options.styleNonce ? [`'nonce-${options.styleNonce}'`] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styleSources.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...(options.connectSources ?? [])].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
