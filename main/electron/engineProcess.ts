// Runs the engine in an Electron utility process, off the main process's event loop, and speaks
// the contract's message protocol with it.
import { utilityProcess } from 'electron';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { createRpcClient } from '../../engine/api/rpc.ts';
import type { SecretStore } from '../../engine/secrets/secretStore.ts';
import { answerSecretsRequest, isSecretsRequest } from './secretsChannel.ts';

export interface EngineProcess {
  client: PlumblineClient;
  stop(): void;
}

export function startEngineProcess(
  workerPath: string,
  resourcesDir: string,
  env: Record<string, string | undefined>,
  /** The main process's store, which the engine reaches by message. */
  secrets: SecretStore,
): EngineProcess {
  const child = utilityProcess.fork(workerPath, [resourcesDir], {
    serviceName: 'Plumbline engine',
    env: env as NodeJS.ProcessEnv,
  });
  const rpc = createRpcClient((message) => child.postMessage(message));
  const reply = (message: unknown) => child.postMessage(message);
  child.on('message', (message) =>
    isSecretsRequest(message) ? void answerSecretsRequest(secrets, message, reply) : rpc.receive(message),
  );
  child.on('exit', (code) => rpc.fail(`the engine process exited with code ${code}`));
  return { client: rpc.client, stop: () => void child.kill() };
}
