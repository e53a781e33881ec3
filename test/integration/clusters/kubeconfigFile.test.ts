// The kubeconfig rewritten while the engine runs (kubectl config use-context, a cloud CLI adding
// a cluster, an editor saving by rename): the engine reads it again and announces the contexts.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterList, EngineEvent } from '../../../engine/api/contract.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir();
const first = { name: 'dev', server: 'https://dev.example.test:6443', user: 'dev-user' };
const second = { name: 'prod', server: 'https://prod.example.test:6443', user: 'prod-user' };
const announced: ClusterList[] = [];
let engine: Engine;
let kubeconfig: string;

const names = (list: ClusterList | undefined) => list?.contexts.map((context) => context.name);

beforeAll(async () => {
  kubeconfig = writeKubeconfig(root, 'config', [first], 'dev');
  engine = createEngine({
    dataDir: join(root, 'data'),
    env: { PATH: process.env.PATH, KUBECONFIG: kubeconfig },
    homeDir: root,
    renderOnStart: false,
  });
  engine.subscribe((event: EngineEvent) => {
    if (event.event === 'clusters.changed') announced.push(event.payload);
  });
  expect(names(await inProcessClient(engine).call('clusters.list', {}))).toEqual(['dev']);
});
afterAll(() => engine?.close());

describe('a kubeconfig changed while the engine runs', () => {
  it('is read again when written in place', async () => {
    writeKubeconfig(root, 'config', [first, second], 'prod');
    await expect.poll(() => names(announced.at(-1)), { timeout: 5_000 }).toEqual(['dev', 'prod']);
    expect(announced.at(-1)?.currentContext).toBe('prod');
  });

  it('is read again when replaced by a rename, as editors and kubectl save it', async () => {
    writeKubeconfig(root, 'config.tmp', [second], 'prod');
    renameSync(join(root, 'config.tmp'), kubeconfig);
    await expect.poll(() => names(announced.at(-1)), { timeout: 5_000 }).toEqual(['prod']);
    expect(names(await inProcessClient(engine).call('clusters.list', {}))).toEqual(['prod']);
  });
});
