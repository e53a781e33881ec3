// The helm the user names in the settings is the one an application's render runs.
import { chmod, cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, inProcessClient } from '../../../engine/index.ts';
import { SettingsFile } from '../../../engine/store/settings.ts';
import { FIXTURES } from '../../fixtures/render/workspace.ts';
import { makeRemote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { writeApplication } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const engines: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(engines.map((engine) => engine.close())));

describe('tool settings', () => {
  it('run the user’s helm before the one on PATH or the bundled one', async () => {
    const remote = await makeRemote(root, 'config.git');
    await cp(join(FIXTURES, 'repo', 'charts'), join(remote.work, 'charts'), { recursive: true });
    await remote.commit({}, 'charts');
    await remote.push('main');
    const helm = join(root, 'my-helm');
    // answers `helm version` and renders one marker object for `helm template`
    await writeFile(
      helm,
      '#!/bin/sh\nif [ "$1" = version ]; then echo v3.99.0; exit 0; fi\nprintf "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: rendered-by-my-helm\\n"\n',
    );
    await chmod(helm, 0o755);
    const dataDir = join(root, 'data');
    await new SettingsFile(dataDir).update({ tools: { helm } });
    const workspace = join(root, 'workspace');
    await writeApplication(workspace, 'api', {
      source: { repoURL: remote.bare, path: 'charts/api' },
      destination: { server: 'https://nowhere.invalid', namespace: 'x' },
    });
    const engine = createEngine({
      dataDir,
      env: { PATH: process.env.PATH, PLUMBLINE_WORKSPACE: workspace },
      homeDir: root,
      renderOnStart: false,
    });
    engines.push(engine);
    const manifests = await inProcessClient(engine).call('apps.manifests', { name: 'api' });
    expect(manifests.objects.map((o) => (o.metadata as { name: string }).name)).toEqual([
      'rendered-by-my-helm',
    ]);
  });
});
