// The desktop shell's security rules as plain data and functions, so they are unit-tested
// without Electron: window preferences, the app's own origin, and which IPC senders are trusted.
import { contentSecurityPolicyFor } from '../host/csp.ts';

export const appScheme = 'app';
export const appHost = 'plumbline';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;
export const callChannel = 'plumbline:call';
export const eventChannel = 'plumbline:event';

export function mainWindowPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
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

export const appContentSecurityPolicy = contentSecurityPolicyFor();
