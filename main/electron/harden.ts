// Applies the security policy to every web contents Electron creates — the app window, and any
// other (a devtools view, a window or frame a compromised page might try to open) — through
// `web-contents-created`, so nothing depends on remembering to harden a new window: no
// permissions, no new windows, no navigation or redirect away from the app, no <webview>, and
// in packaged builds no DevTools. Electron objects come in as parameters (types only here), so
// the unit tests drive it with plain event emitters.
import type { App, Session, WebContents } from 'electron';
import { isAppUrl, isExternalLink } from './policy.ts';

export interface HardeningOptions {
  /** `app.isPackaged`: a build for users, where DevTools stay closed */
  packaged: boolean;
  /** opens an http(s) link the user clicked in their browser (`shell.openExternal`) */
  openExternal(url: string): void;
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;
type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'closeDevTools'> & {
  session: HardenableSession;
};

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function hardenContents(contents: HardenableContents, options: HardeningOptions): void {
  // a web contents may live in a session of its own (a partition): deny there too
  hardenSession(contents.session);
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (options.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Call before the first window: every web contents created from then on is hardened. */
export function hardenEveryWebContents(app: Pick<App, 'on'>, options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, options));
}
