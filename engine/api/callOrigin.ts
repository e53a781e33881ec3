// Where a call came from: one client's connection (a browser tab's WebSocket, the desktop's
// engine channel, a test's in-process client). What a call opens for its client — a followed
// log, a terminal — is tied to that connection and ends when it closes, and what it streams goes
// to that connection only (another tab does not receive a terminal it did not open). Free of Node.
import type { EngineEvent } from './contract.ts';

export interface CallOrigin {
  /** Runs `cleanup` when the connection closes; returns the function that forgets it. */
  onClose(cleanup: () => void): () => void;
  /** Sends an event to this connection alone; absent, events go to every client. */
  deliver?(event: EngineEvent): void;
}

/** The origin of every call of one connection; the transport closes it with the connection. */
export class ConnectionScope implements CallOrigin {
  private readonly cleanups = new Set<() => void>();

  constructor(readonly deliver?: (event: EngineEvent) => void) {}

  onClose(cleanup: () => void): () => void {
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  close(): void {
    const cleanups = [...this.cleanups];
    this.cleanups.clear();
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // one failing cleanup must not keep the others from running
      }
    }
  }
}
