// Serves the built renderer: files only from its folder, with the security headers every
// response of the headless host carries; the page itself gets a fresh style nonce each time.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { newStyleNonce, withStyleNonce } from '../host/pageNonce.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The security headers of a response; `styleNonce` only for a page. */
export type HeadersFor = (styleNonce?: string) => Record<string, string>;

/** Answers a GET or HEAD of `pathname` (already decoded, see parseRequestTarget). */
export async function serveStatic(
  rendererDir: string,
  pathname: string,
  method: string,
  response: ServerResponse,
  headersFor: HeadersFor,
): Promise<void> {
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  const file = join(rendererDir, relative);
  if (relative.startsWith('..') || !file.startsWith(rendererDir + sep)) {
    response.writeHead(404, headersFor()).end('not found');
    return;
  }
  let body: Buffer | string;
  try {
    body = await readFile(file);
  } catch {
    response.writeHead(404, headersFor()).end('not found');
    return;
  }
  const extension = extname(file);
  let headers = headersFor();
  if (extension === '.html') {
    const nonce = newStyleNonce();
    body = withStyleNonce(body.toString('utf8'), nonce);
    headers = headersFor(nonce);
  }
  response.writeHead(200, {
    ...headers,
    'content-type': contentTypes[extension] ?? 'application/octet-stream',
  });
  response.end(method === 'HEAD' ? undefined : body);
}
