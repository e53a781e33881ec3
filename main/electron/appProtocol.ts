// Serves the built renderer under app://plumbline/, with the CSP header, so the window never
// loads file:// URLs and its origin is stable and checkable. The page gets a fresh style nonce
// per response (main/host/pageNonce.ts); a request that names no renderer file gets 404.
import { net, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { newStyleNonce, withStyleNonce } from '../host/pageNonce.ts';
import { appResponseHeaders, appScheme, rendererFileFor } from './policy.ts';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = () => new Response('not found', { status: 404, headers: appResponseHeaders() });

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return notFound();
    try {
      if (extname(file) === '.html') {
        const nonce = newStyleNonce();
        const page = withStyleNonce(await readFile(file, 'utf8'), nonce);
        const headers = { ...appResponseHeaders(nonce), 'content-type': 'text/html; charset=utf-8' };
        return new Response(page, { status: 200, headers });
      }
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(appResponseHeaders())) headers.set(name, value);
      return new Response(response.body, { status: response.status, headers });
    } catch {
      return notFound();
    }
  });
}
