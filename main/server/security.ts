// The headless host's gatekeeping: a random token per start, compared in constant time, and the
// only origins and hosts allowed are the server's own loopback addresses.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { contentSecurityPolicyFor } from '../host/csp.ts';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, offered: string | null | undefined): boolean {
  if (!offered) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Browsers always send Origin on a WebSocket; other clients (the CLI) send none. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownHosts(port).some((host) => origin === `http://${host}`);
}

/** Refuses DNS-rebinding: the Host header must name the loopback address we listen on. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && ownHosts(port).includes(host);
}

export function contentSecurityPolicy(port: number, styleNonce?: string): string {
  return contentSecurityPolicyFor({
    connectSources: ownHosts(port).map((host) => `ws://${host}`),
    styleNonce,
  });
}
