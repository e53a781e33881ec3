// The headless host's gatekeeping: a random token per start, compared in constant time, and the
// only origins and hosts allowed are the server's own loopback addresses.
import { randomBytes, timingSafeEqual } from 'node:crypto';

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

export function contentSecurityPolicy(port: number): string {
  const sockets = ownHosts(port)
    .map((host) => `ws://${host}`)
    .join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
