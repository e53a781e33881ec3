import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../engine/api/engine.ts';
import { createRpcClient, serveRpc, type RpcMessage } from '../../../engine/api/rpc.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir();
const engines: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(engines.map((engine) => engine.close())));

/** Connects a client and a server through JSON, as a socket would. */
function pair() {
  const kubeconfig = writeKubeconfig(dir, 'config', [{ name: 'one', server: 'https://one', user: 'u' }]);
  const engine = createEngine({ dataDir: dir, env: { KUBECONFIG: kubeconfig }, homeDir: dir });
  engines.push(engine);
  const toClient: RpcMessage[] = [];
  const server = serveRpc(engine, (message) => toClient.push(JSON.parse(JSON.stringify(message))));
  const client = createRpcClient((message) => server.receive(JSON.parse(JSON.stringify(message))));
  const pump = setInterval(() => toClient.splice(0).forEach(client.receive), 1);
  return { engine, server, client, toClient, stop: () => clearInterval(pump) };
}

describe('the rpc protocol', () => {
  it('carries calls and results', async () => {
    const { client, stop } = pair();
    const list = await client.client.call('clusters.list');
    expect(list.contexts.map((c) => c.name)).toEqual(['one']);
    stop();
  });

  it('carries contract errors with their code', async () => {
    const { client, stop } = pair();
    await expect(client.client.call('clusters.list', { bad: true } as never)).rejects.toMatchObject({
      code: 'invalid-input',
    });
    stop();
  });

  it('answers a malformed message with an error instead of crashing', async () => {
    const { server, toClient, stop } = pair();
    stop();
    server.receive({ type: 'call', id: 'seven' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(toClient[0]).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('fails pending calls when the connection drops', async () => {
    const client = createRpcClient(() => undefined);
    const pending = client.client.call('app.version');
    client.fail('gone');
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: 'gone' });
  });
});
