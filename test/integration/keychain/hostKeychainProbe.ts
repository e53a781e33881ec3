// Child process of the host keychain test, run inside a D-Bus session with gnome-keyring (or
// without one): starts the real headless host (`plumbline serve`) and a stand-in API server that
// records the credentials it is sent, registers clusters through the host's WebSocket, and
// prints as JSON every contract answer, the host's output, what the API server received and
// what the keychain holds. argv: <token>.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connectToHost } from '../../../main/cli/hostClient.ts';
import { keychainSecretStore } from '../../../main/host/keychainSecretStore.ts';
import { startServe } from '../../support/cli.ts';
import { selfSignedCertificate } from '../../support/selfSignedCertificate.ts';

const [token = ''] = process.argv.slice(2);
const authorizations: string[] = [];
// A self-signed certificate for 127.0.0.1: Plumbline speaks only TLS to an API server.
const { key, cert: certificate } = selfSignedCertificate('127.0.0.1', '127.0.0.1');
const tls = { key, cert: certificate };
const api = createServer(tls, (request, response) => {
  authorizations.push(request.headers.authorization ?? '');
  response.setHeader('content-type', 'application/json');
  if (request.url === '/version') return response.end(JSON.stringify({ gitVersion: 'v1.34.4-stand-in' }));
  // SelfSubjectAccessReviews: everything allowed.
  response.end(JSON.stringify({ status: { allowed: true } }));
});
await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
const server = `https://127.0.0.1:${(api.address() as AddressInfo).port}`;

const host = await startServe({});
const { client, close } = await connectToHost({ server: new URL(host.url), token: host.token });
const answers: unknown[] = [];
const errors: string[] = [];
async function step(work: () => Promise<unknown>): Promise<void> {
  try {
    answers.push(await work());
  } catch (error) {
    errors.push((error as Error).message);
  }
}

// The CA pasted as PEM, as a user copies it.
const candidate = { source: 'token', server, caData: certificate, token } as const;
await step(() => client.call('clusters.testConnection', { candidate }));
await step(() => client.call('clusters.register', { candidate, name: 'kept', labels: { env: 'ci' } }));
await step(() => client.call('clusters.register', { candidate, name: 'removed' }));
await step(() => client.call('clusters.remove', { name: 'removed' }));
await step(() => client.call('clusters.registered', {}));
await step(() =>
  client.call('clusters.testConnection', { candidate: { source: 'registered', name: 'kept' } }),
);
await step(() => client.call('clusters.list', {}));
const keychain = keychainSecretStore();
const stored = await keychain.get('cluster:kept').catch(() => null);
const removed = await keychain.get('cluster:removed').catch(() => null);
await close();
await host.stop();
api.close();
process.stdout.write(
  JSON.stringify({ answers, errors, hostOutput: host.output(), authorizations, stored, removed }),
);
