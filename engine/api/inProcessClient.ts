// The in-process transport: the CLI and the tests call the engine directly, through the same
// validation as every other transport.
import type { PlumblineClient } from './client.ts';
import type { CallName, CallOutput } from './contract.ts';
import type { Engine } from './engine.ts';

export function inProcessClient(engine: Engine): PlumblineClient {
  return {
    call: async <N extends CallName>(name: N, input?: unknown) =>
      (await engine.dispatch(name, input ?? {})) as CallOutput<N>,
    subscribe: (listener) => engine.subscribe(listener),
  };
}
