// One keep-alive TLS agent per set of TLS credentials. client-node's applyToFetchOptions builds
// a new https.Agent on every call, so every request paid a TCP and TLS handshake of its own: a
// sync of 20 objects made about a hundred of them, which on a loaded 2-core machine was most of
// its time. Requests with the same CA, client certificate and server name now share connections.
// Agents of proxies (another class) are used as given.
import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';

/** Credential sets are few (one per cluster); beyond this many the oldest is let go. */
const MAX_AGENTS = 256;
/** Idle connections are closed after this long, so a forgotten cluster does not hold sockets. */
const IDLE_SOCKET_MS = 60_000;

const agents = new Map<string, HttpsAgent>();

const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const;

function fingerprint(options: AgentOptions): string {
  const hash = createHash('sha256');
  for (const field of TLS_FIELDS) {
    const value: unknown = options[field];
    hash.update(`${field}\0`);
    if (value === undefined) hash.update('-');
    else if (Buffer.isBuffer(value) || typeof value === 'string') hash.update(value);
    else hash.update(JSON.stringify(value));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function sharedAgent(agent: Agent | undefined): Agent | undefined {
  if (!agent || agent.constructor !== HttpsAgent) return agent;
  const options = (agent as HttpsAgent).options;
  const key = fingerprint(options);
  let shared = agents.get(key);
  if (!shared) {
    shared = new HttpsAgent({ ...options, keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_MS });
    if (agents.size >= MAX_AGENTS) agents.delete(agents.keys().next().value as string);
    agents.set(key, shared);
  }
  return shared;
}
