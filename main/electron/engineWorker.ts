// Entry point of the utility process that hosts the engine in the desktop app.
import { homedir } from 'node:os';
import { createEngine, resolveDataDir } from '../../engine/index.ts';
import { serveRpc } from '../../engine/api/rpc.ts';
import { isSecretsAnswer, remoteSecretStore } from './secretsChannel.ts';

const port = process.parentPort;
// Secrets stay in the main process (keytar or safeStorage); the engine asks for them by message.
const secrets = remoteSecretStore((message) => port.postMessage(message));
const engine = createEngine({
  secrets: secrets.store,
  dataDir: resolveDataDir(process.env, homedir()),
  env: process.env,
  homeDir: homedir(),
});
const rpc = serveRpc(engine, (message) => port.postMessage(message));
port.on('message', (event) =>
  isSecretsAnswer(event.data) ? secrets.receive(event.data) : rpc.receive(event.data),
);
