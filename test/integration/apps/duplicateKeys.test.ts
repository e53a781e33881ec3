// A repository manifest with a mapping key given twice, through a real engine and a real git
// remote: the application renders with the last value, as Argo CD does, and carries a
// DuplicateKeyWarning naming the file, the key and the lines — also when the render comes from
// the render cache.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, inProcessClient, type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { remoteWith, writeApplication } from '../../support/workspaceFixtures.ts';

const root = tempDir();
let engine: Engine | undefined;
afterAll(async () => engine?.close());

describe('duplicate mapping keys in a repository', () => {
  it('renders the last value and shows a warning condition, from the cache too', async () => {
    const { remote } = await remoteWith(
      root,
      'config.git',
      {
        'app/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\ndata:\n  color: red\n  color: blue\n',
        'clean/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: once}\n',
        'many/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n${'  k: v\n'.repeat(8)}`,
      },
      'duplicate key',
    );
    const workspace = join(root, 'workspace');
    for (const name of ['app', 'clean', 'many'])
      await writeApplication(workspace, name, {
        source: { repoURL: remote.bare, path: name },
        destination: { name: 'nowhere' },
      });
    engine = createEngine({
      dataDir: join(root, 'data'),
      env: {
        PATH: process.env.PATH,
        PLUMBLINE_WORKSPACE: workspace,
        KUBECONFIG: join(root, 'no-kubeconfig'),
      },
      homeDir: root,
      repoPollMs: 3_600_000,
    });
    const client = inProcessClient(engine);
    const cacheHits: string[] = [];
    client.subscribe((event) => {
      if (event.event === 'apps.progress' && event.payload.message.includes('render cache'))
        cacheHits.push(event.payload.name);
    });
    const rendered = async (name: string) => {
      const started = Date.now();
      for (;;) {
        const { app } = await client.call('apps.get', { name });
        if (app.phase === 'rendered' || app.phase === 'error') return app;
        if (Date.now() - started > 20_000) throw new Error(`${name} still ${app.phase}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const warnings = (app: { conditions: Array<{ type: string; message: string }> }) =>
      app.conditions.filter((condition) => condition.type === 'DuplicateKeyWarning');
    const expected = [
      {
        type: 'DuplicateKeyWarning',
        message:
          'app/cm.yaml: document 1: mapping key "color" is given more than once (lines 6 and 7); the last value is used, as Argo CD does',
      },
    ];

    const app = await rendered('app');
    expect(app.phase).toBe('rendered');
    expect(warnings(app)).toEqual(expected);
    expect(warnings(await rendered('clean'))).toEqual([]);
    // Seven repeats: five shown, then how many more.
    const many = warnings(await rendered('many')).map((condition) => condition.message);
    expect(many).toHaveLength(6);
    expect(many[0]).toMatch(
      /^many\/cm\.yaml: document 1: mapping key "k" is given more than once \(lines 5 and 6\)/,
    );
    expect(many[5]).toBe('2 more duplicate mapping keys');
    const manifests = await client.call('apps.manifests', { name: 'app' });
    expect(manifests.objects.map((object) => object.data)).toEqual([{ color: 'blue' }]);

    await client.call('apps.refresh', { name: 'app' });
    expect(cacheHits).toContain('app');
    const again = await rendered('app');
    expect(again.phase).toBe('rendered');
    expect(warnings(again)).toEqual(expected);
  }, 60_000);
});
