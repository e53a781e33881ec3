// Entry point of the utility process that hosts the engine in the desktop app.
import { homedir } from 'node:os';
import { createEngine, resolveDataDir } from '../../engine/index.ts';
import { serveRpc } from '../../engine/api/rpc.ts';

const port = process.parentPort;
const engine = createEngine({
  dataDir: resolveDataDir(process.env, homedir()),
  env: process.env,
  homeDir: homedir(),
});
const rpc = serveRpc(engine, (message) => port.postMessage(message));
port.on('message', (event) => rpc.receive(event.data));
