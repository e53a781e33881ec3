// A minimal Kubernetes REST client on node:https, so the harness needs no
// dependency (it runs before/without npm packages).
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import type { ClusterState } from './state.js';

export interface Response {
  status: number;
  body: string;
  json: <T = any>() => T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function kube(
  cluster: ClusterState,
  method: string,
  path: string,
  body?: unknown,
  token: string = cluster.tokens.admin,
): Promise<Response> {
  const url = new URL(path, cluster.server);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: readFileSync(cluster.caFile),
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(data ? { 'content-type': 'application/json' } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Creates an object; an existing one (409) is fine, so bootstrap is re-runnable. */
export async function ensure(cluster: ClusterState, path: string, obj: unknown): Promise<void> {
  const res = await kube(cluster, 'POST', path, obj);
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`POST ${path} on ${cluster.name}: ${res.status} ${res.body}`);
  }
}

/** Thrown inside a waitFor callback to stop waiting at once (e.g. a process died). */
export class FatalError extends Error {}

/** Polls fn until it returns a truthy value or timeoutMs passes. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e instanceof FatalError) throw e;
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
