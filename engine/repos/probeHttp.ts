// One bounded GET used to try a Helm repository or an OCI registry with its credentials: the
// status and headers only matter (at most a few KB of the body are read), the time is bounded,
// TLS as the repository is configured (CA, client certificate, insecure).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeOptions {
  username?: string;
  password?: string;
  bearer?: string;
  ca?: string;
  cert?: string;
  key?: string;
  insecure?: boolean;
  timeoutMs?: number;
}

export interface ProbeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first few KB of the body. */
  text: string;
}

const MAX_BODY = 16 * 1024;

export function probeHttp(url: URL, options: ProbeOptions): Promise<ProbeAnswer> {
  const headers: Record<string, string> = { 'user-agent': 'plumbline' };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  else if (options.username !== undefined && options.password !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const tls =
    url.protocol === 'https:'
      ? {
          rejectUnauthorized: !options.insecure,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.cert && options.key ? { cert: options.cert, key: options.key } : {}),
        }
      : {};
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const call = send(url, { method: 'GET', headers, timeout: timeoutMs, ...tls }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk.subarray(0, MAX_BODY - size));
        size += chunk.length;
        if (size >= MAX_BODY) {
          response.destroy();
          done();
        }
      });
      response.on('end', done);
      response.on('error', reject);
    });
    call.on('timeout', () =>
      call.destroy(new Error(`timed out: no answer within ${timeoutMs / 1000} seconds`)),
    );
    call.on('error', reject);
    call.end();
  });
}
