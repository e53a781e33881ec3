// Serves the built renderer: files only from its folder, with the security headers every
// response of the headless host carries.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

export async function serveStatic(
  rendererDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  const file = join(rendererDir, relative);
  if (relative.startsWith('..') || !file.startsWith(rendererDir + sep) || request.method !== 'GET') {
    response.writeHead(404, headers).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { ...headers, 'content-type': type }).end(body);
  } catch {
    response.writeHead(404, headers).end('not found');
  }
}
