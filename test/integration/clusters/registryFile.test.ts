// The registry file changed by another process (a `plumbline cluster add` beside the running
// app): the engine announces the new list at once, and its own changes once each.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { EngineEvent, RegisteredCluster } from '../../../engine/api/contract.ts';
import { clusterRegistry } from '../../../engine/clusters/clusterRegistry.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir();
const dataDir = join(root, 'data');
const announced: RegisteredCluster[][] = [];
let engine: Engine;
let client: PlumblineClient;

/** The registry as another process sees it: the same file, its own keychain access. */
const otherProcess = () => clusterRegistry(dataDir, memorySecretStore());

function registration(name: string) {
  return {
    record: {
      name,
      server: 'https://k8s.example.test:6443',
      labels: {},
      annotations: {},
      authKind: 'token' as const,
      credentialAccount: `cluster:${name}`,
    },
    credentials: { token: 'unused' },
  };
}

async function announcedNames(count: number): Promise<string[]> {
  await expect.poll(() => announced.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  return announced[count - 1]!.map((cluster) => cluster.name);
}

beforeAll(async () => {
  engine = createEngine({
    dataDir,
    env: { PATH: process.env.PATH, KUBECONFIG: join(root, 'no-kubeconfig') },
    homeDir: root,
    renderOnStart: false,
  });
  client = inProcessClient(engine);
  engine.subscribe((event: EngineEvent) => {
    if (event.event === 'clusters.registryChanged') announced.push(event.payload.clusters);
  });
  await client.call('clusters.registered', {});
});
afterAll(() => engine?.close());

describe('the registry file changed by another process', () => {
  it('is announced with the cluster it added', async () => {
    await otherProcess().add(registration('from-cli'));
    expect(await announcedNames(1)).toEqual(['from-cli']);
    expect((await client.call('clusters.registered', {})).clusters.map((c) => c.name)).toEqual(['from-cli']);
  });

  it('is announced when it removed one', async () => {
    await otherProcess().remove('from-cli');
    expect(await announcedNames(2)).toEqual([]);
  });

  it('announces a change made through the engine once', async () => {
    await client.call('clusters.update', { name: 'nothing', labels: {} }).catch(() => undefined);
    await otherProcess().add(registration('second'));
    expect(await announcedNames(3)).toEqual(['second']);
    await client.call('clusters.update', { name: 'second', labels: { env: 'dev' } });
    expect(await announcedNames(4)).toEqual(['second']);
    // the file event of the engine's own write settles without a second announcement
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(announced).toHaveLength(4);
  });
});
