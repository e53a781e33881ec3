// The one client type every transport implements: Electron IPC (preload), the WebSocket of the
// headless host, and the in-process client of the CLI and the tests.
import type { CallName, CallInput, CallOutput, EngineEvent } from './contract.ts';

export type EventListener = (event: EngineEvent) => void;

export interface PlumblineClient {
  call<N extends CallName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>>;
  /** Listens to the event stream; returns the function that stops listening. */
  subscribe(listener: EventListener): () => void;
}
