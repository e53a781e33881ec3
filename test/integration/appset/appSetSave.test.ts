// Saving an edited ApplicationSet through the engine (appsets.save), in a git workspace: the
// edit is written over the set's document (a comment beside it kept) and committed, and the set
// generates the new applications; a rename, a set that would not generate and text that is no
// set are refused, the file untouched.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { git } from '../../support/gitFixtures.ts';
import { unreachableDevKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { until } from '../../support/until.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
let engine: Engine;
let client: PlumblineClient;

const setText = (name: string, apps: string[]) => `# the shop's services
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${name}
spec:
  generators:
    - list:
        elements:
${apps.map((app) => `          - app: ${app}`).join('\n')}
  template:
    metadata:
      name: '${name}-{{app}}'
    spec:
      project: default
      source: { repoURL: 'https://git.example.test/shop.git', path: 'apps/{{app}}' }
      destination: { name: dev, namespace: '{{app}}' }
`;

const generated = async () =>
  (await client.call('apps.list', {})).apps
    .filter((app) => app.applicationSet === 'shop')
    .map((app) => app.name)
    .sort();

beforeAll(async () => {
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, 'shop.yaml'), setText('shop', ['cart', 'web']));
  await git(workspace, 'init', '-q', '-b', 'main');
  await git(workspace, 'add', '.');
  await git(workspace, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'shop');
  const kubeconfig = unreachableDevKubeconfig(root);
  ({ engine, client } = testEngine(root, workspace, { kubeconfig }));
  await until(generated, (names) => names.length === 2);
}, 60_000);
afterAll(async () => engine?.close());

describe('appsets.save', () => {
  it('writes and commits an edit that generates, keeping the comment, and the set generates it', async () => {
    const saved = await client.call('appsets.save', {
      name: 'shop',
      text: setText('shop', ['cart', 'web', 'api']),
    });
    expect(saved.file).toBe('shop.yaml');
    expect(saved.commit).toMatch(/^[0-9a-f]{40}$/);
    const file = await readFile(join(workspace, 'shop.yaml'), 'utf8');
    expect(file).toContain('# the shop');
    expect(file).toContain('app: api');
    expect(await git(workspace, 'log', '-1', '--format=%s')).toBe('plumbline: update ApplicationSet shop');
    expect(await until(generated, (names) => names.includes('shop-api'))).toEqual([
      'shop-api',
      'shop-cart',
      'shop-web',
    ]);
  });

  it('refuses a rename, a set that would not generate, and text that is no set, writing nothing', async () => {
    const before = await readFile(join(workspace, 'shop.yaml'), 'utf8');
    const head = await git(workspace, 'rev-parse', 'HEAD');
    await expect(
      client.call('appsets.save', { name: 'shop', text: setText('store', ['cart']) }),
    ).rejects.toThrow(/renaming shop to store is not supported.*nothing was written/);
    const broken = setText('shop', ['cart']).replace("'shop-{{app}}'", "'{{missing'");
    await expect(client.call('appsets.save', { name: 'shop', text: broken })).rejects.toThrow(
      /ApplicationSet shop would not generate: [\s\S]*nothing was written/,
    );
    await expect(client.call('appsets.save', { name: 'shop', text: 'kind: ConfigMap\n' })).rejects.toThrow(
      /holds no ApplicationSet; nothing was written/,
    );
    await expect(client.call('appsets.save', { name: 'gone', text: setText('gone', ['x']) })).rejects.toThrow(
      /no ApplicationSet named gone/,
    );
    expect(await readFile(join(workspace, 'shop.yaml'), 'utf8')).toBe(before);
    expect(await git(workspace, 'rev-parse', 'HEAD')).toBe(head);
  });
});
