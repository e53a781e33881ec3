// The desktop shell's security rules as plain data and functions, so they are unit-tested
// without Electron: window preferences, the app's own origin, and which IPC senders are trusted.
import { join, normalize, sep } from 'node:path';
import { contentSecurityPolicyFor } from '../host/csp.ts';

export const appScheme = 'app';
export const appHost = 'plumbline';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;
export const callChannel = 'plumbline:call';
export const eventChannel = 'plumbline:event';

/** `packaged`: `app.isPackaged`; a build for users has no DevTools. */
export function mainWindowPreferences(preloadPath: string, options: { packaged: boolean }) {
  return {
    preload: preloadPath,
    devTools: !options.packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

export function isAppUrl(url: string): boolean {
  try {
    // compare scheme and host: URL.origin is "null" for custom schemes outside Electron
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/** Links the user clicks open in their browser, and only http(s) links. */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

interface FrameLike {
  url: string;
}

/** Only the main frame of one of our own windows, showing our own page, may call the engine. */
export function isTrustedSender(
  senderFrame: FrameLike | null | undefined,
  mainFrames: ReadonlyArray<FrameLike>,
): boolean {
  if (!senderFrame) return false;
  return mainFrames.includes(senderFrame) && isAppUrl(senderFrame.url);
}

/** The headers of every app:// response; a page's carries its style nonce (main/host/pageNonce.ts). */
export function appResponseHeaders(styleNonce?: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicyFor({ styleNonce }),
    'x-content-type-options': 'nosniff',
  };
}

/**
 * The renderer file an app:// URL names, or null: another host, a path that is not
 * percent-encoded UTF-8 or holds NUL, or one that leaves the renderer's folder.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.host !== appHost || pathname.includes('\0')) return null;
  const relative = normalize(pathname).replace(/^[/\\]+/, '') || 'index.html';
  const file = join(rendererDir, relative);
  return file.startsWith(rendererDir + sep) ? file : null;
}
