// The engine facade: implements every call of the contract on top of the engine's services and
// validates what goes in and what comes out. Hosts reach it through a transport, never directly.
import type { CallInput, CallName, CallOutput } from './contract.ts';
import type { EventListener } from './client.ts';
import { EventBus } from './eventBus.ts';
import { ContractError } from './errors.ts';
import { parseCallInput, parseCallName, parseCallOutput } from './validate.ts';
import { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import { plumblineVersion } from '../version.ts';

/** What the host gives the engine: where data lives and the environment it runs in. */
export interface EngineHost {
  dataDir: string;
  env: Record<string, string | undefined>;
  homeDir: string;
}

export interface Engine {
  /** Validates and runs one call; throws a ContractError. */
  dispatch(name: unknown, input: unknown): Promise<unknown>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

type Handlers = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

export function createEngine(host: EngineHost): Engine {
  const bus = new EventBus();
  const kubeconfig = new KubeconfigContexts(host.env, host.homeDir, (list) =>
    bus.emit({ event: 'clusters.changed', payload: list }),
  );

  const handlers: Handlers = {
    'app.version': async () => ({
      name: 'Plumbline',
      version: plumblineVersion,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      dataDir: host.dataDir,
    }),
    'clusters.list': () => kubeconfig.list(),
    'apps.list': async () => ({ apps: [] }),
  };

  return {
    async dispatch(rawName, rawInput) {
      const name = parseCallName(rawName);
      const input = parseCallInput(name, rawInput);
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      let output: unknown;
      try {
        output = await handler(input);
      } catch (error) {
        throw ContractError.from(error);
      }
      return parseCallOutput(name, output);
    },
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      kubeconfig.close();
    },
  };
}
