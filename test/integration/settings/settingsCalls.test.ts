// settings.get and settings.update on a real engine and data folder: defaults shown, edits
// written to config.json (null removes the key, other keys stay), impossible values refused
// with the reason, and a hand edit of the file announced once it changes what the engine does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { EngineEvent, SettingsView } from '../../../engine/api/contract.ts';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir();
const dataDir = join(root, 'data');
const configFile = join(dataDir, 'config.json');
const announced: SettingsView[] = [];
let engine: Engine;
let client: PlumblineClient;

const onDisk = () => JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;

beforeAll(() => {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(configFile, JSON.stringify({ windowBounds: { width: 900 }, gitAuthor: { name: 'Ada' } }));
  engine = createEngine({
    dataDir,
    env: { PATH: process.env.PATH, KUBECONFIG: join(root, 'none'), PLUMBLINE_WORKSPACE: join(root, 'ws') },
    homeDir: root,
    renderOnStart: false,
  });
  client = inProcessClient(engine);
  engine.subscribe((event: EngineEvent) => {
    if (event.event === 'settings.changed') announced.push(event.payload);
  });
});
afterAll(() => engine?.close());

describe('the settings calls', () => {
  it('show every setting, the defaults where unset, and what the environment overrides', async () => {
    const view = await client.call('settings.get', {});
    expect(view.path).toBe(configFile);
    expect(view.problem).toBeNull();
    expect(view.settings).toMatchObject({
      workspace: null,
      reconciliation: { periodSeconds: 180, jitterSeconds: 60 },
      gitAuthor: { name: 'Ada', email: null },
      operationLeaseNamespace: null,
    });
    expect(view.fromEnvironment.workspace).toBe(join(root, 'ws'));
  });

  it('write an edit, remove what is set to null, and keep what they do not edit', async () => {
    const view = await client.call('settings.update', {
      operationLeaseNamespace: 'plumbline-leases',
      reconciliation: { periodSeconds: 60, jitterSeconds: 5 },
      gitAuthor: { name: null, email: 'ops@example.test' },
    });
    expect(view.settings.operationLeaseNamespace).toBe('plumbline-leases');
    expect(onDisk()).toEqual({
      windowBounds: { width: 900 },
      gitAuthor: { email: 'ops@example.test' },
      operationLeaseNamespace: 'plumbline-leases',
      reconciliation: { periodSeconds: 60, jitterSeconds: 5 },
    });
    await expect.poll(() => announced.at(-1)?.settings.operationLeaseNamespace).toBe('plumbline-leases');
    await client.call('settings.update', { operationLeaseNamespace: null });
    expect(onDisk()).not.toHaveProperty('operationLeaseNamespace');
  });

  it('refuse what cannot work, saying why', async () => {
    await expect(
      client.call('settings.update', { operationLeaseNamespace: 'Not_A_Namespace' }),
    ).rejects.toThrow(/a namespace name/);
    await expect(
      client.call('settings.update', { healthCustomizations: join(root, 'nowhere') }),
    ).rejects.toThrow(`health customizations: nothing at ${join(root, 'nowhere')}`);
    await expect(
      client.call('settings.update', { tools: { helm: root, kubectl: null, kustomize: null } }),
    ).rejects.toThrow(`helm: ${root} is a folder`);
    await expect(
      client.call('settings.update', { reconciliation: { periodSeconds: -1, jitterSeconds: 0 } }),
    ).rejects.toThrow();
  });

  it('announce a hand edit of the file that changes a setting, and not one that does not', async () => {
    const before = announced.length;
    writeFileSync(configFile, JSON.stringify({ ...onDisk(), windowBounds: { width: 1000 } }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(announced).toHaveLength(before);
    writeFileSync(configFile, JSON.stringify({ ...onDisk(), operationLeaseNamespace: 'by-hand' }));
    await expect
      .poll(() => announced.at(-1)?.settings.operationLeaseNamespace, { timeout: 5_000 })
      .toBe('by-hand');
  });

  it('say what is wrong with a file that cannot be read', async () => {
    writeFileSync(configFile, '{ not json');
    await expect.poll(() => announced.at(-1)?.problem, { timeout: 5_000 }).toMatch(/not valid JSON/);
    expect((await client.call('settings.get', {})).settings.reconciliation.periodSeconds).toBe(180);
  });
});
