// The per-response style nonce of the app's page: a fresh random value in the CSP header and in a
// <meta property="csp-nonce"> of the served index.html, where the renderer reads it (the
// browser hides a nonce attribute from the markup once the page has loaded, so CSS selectors
// injected into a page cannot read it). Shared by the desktop protocol and the headless host.
import { randomBytes } from 'node:crypto';

export const nonceMetaProperty = 'csp-nonce';

export function newStyleNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The page with its nonce meta as the first element of <head>. */
export function withStyleNonce(html: string, nonce: string): string {
  const meta = `<meta property="${nonceMetaProperty}" nonce="${nonce}" />`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error(`the renderer's page has no <head> to put the style nonce in`);
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}
