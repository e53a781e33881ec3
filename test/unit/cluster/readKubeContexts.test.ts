import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeconfigFiles } from '../../../engine/cluster/kubeconfigFiles.ts';
import { readKubeContexts } from '../../../engine/cluster/readKubeContexts.ts';
import { leakCanary, writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir();

describe('kubeconfig files', () => {
  it('honours KUBECONFIG with several files, in order, without duplicates', () => {
    const env = { KUBECONFIG: ['/a/one', '/b/two', '/a/one', ''].join(delimiter) };
    expect(kubeconfigFiles(env, '/home/u')).toEqual(['/a/one', '/b/two']);
  });

  it('falls back to ~/.kube/config', () => {
    expect(kubeconfigFiles({}, '/home/u')).toEqual([join('/home/u', '.kube', 'config')]);
  });
});

describe('readKubeContexts', () => {
  const first = writeKubeconfig(
    dir,
    'first.yaml',
    [
      { name: 'prod', server: 'https://prod.example:6443', user: 'admin', namespace: 'apps' },
      { name: 'shared', server: 'https://first.example', user: 'u1' },
    ],
    'prod',
  );
  const second = writeKubeconfig(
    dir,
    'second.yaml',
    [
      { name: 'dev', server: 'https://dev.example', user: 'dev-user' },
      { name: 'shared', server: 'https://second.example', user: 'u2' },
    ],
    'dev',
  );

  it('merges files as kubectl does: the first definition and the first current-context win', async () => {
    const list = await readKubeContexts([first, second]);
    expect(list.currentContext).toBe('prod');
    expect(list.contexts.map((c) => c.name)).toEqual(['prod', 'shared', 'dev']);
    expect(list.contexts[0]).toEqual({
      name: 'prod',
      cluster: 'prod-cluster',
      server: 'https://prod.example:6443',
      user: 'admin',
      namespace: 'apps',
      current: true,
    });
    expect(list.contexts.find((c) => c.name === 'shared')?.user).toBe('u1');
  });

  it('never returns a credential', async () => {
    const list = await readKubeContexts([first, second]);
    expect(JSON.stringify(list)).not.toContain(leakCanary);
  });

  it('skips missing files and reports unreadable ones without stopping', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'contexts: [unclosed');
    const list = await readKubeContexts([join(dir, 'missing.yaml'), broken, second]);
    expect(list.contexts.map((c) => c.name)).toEqual(['dev', 'shared']);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0]?.file).toBe(broken);
  });
});
