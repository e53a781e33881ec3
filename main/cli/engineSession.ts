// Gives a command a client of the engine for the length of its work: a running headless host
// when the global --server option names one, otherwise an engine started in this process and
// shut down afterwards. Commands never know which.
import type { PlumblineClient } from '../../engine/api/client.ts';
import { inProcessClient } from '../../engine/index.ts';
import { createNodeEngine } from '../host/nodeHost.ts';
import { connectToHost, describeHost, type HostAddress } from './hostClient.ts';

let host: HostAddress | null = null;

/** Set once from the global options, before a command runs. */
export function useHost(address: HostAddress | null): void {
  host = address;
}

/** Whether commands talk to a running host (whose statuses are current) or their own engine. */
export function usesRunningHost(): boolean {
  return host !== null;
}

/** Where the engine a command talks to runs, for messages. */
export function engineLocation(): string {
  return host ? describeHost(host.server) : 'this process (give --server to reach a running host)';
}

/** How a command's engine can go away under it: a host's connection closing; never for its own. */
export interface EngineSession {
  /** Resolves with the reason when the engine can no longer be reached. */
  lost: Promise<string>;
}

async function openEngine(
  snapshotFile: string | undefined,
): Promise<{ client: PlumblineClient; close(): Promise<void> } & EngineSession> {
  if (host && snapshotFile)
    throw new Error('--snapshot compares in this process, with no cluster at all: leave out --server');
  if (host) return connectToHost(host);
  const engine = createNodeEngine({ renderOnStart: false, ...(snapshotFile ? { snapshotFile } : {}) });
  return { client: inProcessClient(engine), close: () => engine.close(), lost: new Promise(() => {}) };
}

/** `snapshotFile`: every application is compared with that snapshot instead of its cluster. */
export async function withEngine<T>(
  work: (client: PlumblineClient, session: EngineSession) => Promise<T>,
  options: { snapshotFile?: string } = {},
): Promise<T> {
  const session = await openEngine(options.snapshotFile);
  try {
    return await work(session.client, session);
  } finally {
    await session.close();
  }
}
