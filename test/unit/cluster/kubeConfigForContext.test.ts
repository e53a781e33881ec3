import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeConfigForContext } from '../../../engine/cluster/kubeConfigForContext.ts';
import { leakCanary, writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir();
const first = writeKubeconfig(dir, 'first.yaml', [
  { name: 'prod', server: 'https://prod.example:6443', user: 'admin', namespace: 'apps' },
  { name: 'shared', server: 'https://first.example', user: 'u1' },
]);
const second = writeKubeconfig(dir, 'second.yaml', [
  { name: 'dev', server: 'https://dev.example', user: 'dev-user' },
  { name: 'shared', server: 'https://second.example', user: 'u2' },
]);

describe('kubeConfigForContext', () => {
  it('picks a context from any of several files, with its cluster and user', () => {
    const kc = kubeConfigForContext([first, second], 'dev');
    expect(kc.getCurrentContext()).toBe('dev');
    expect(kc.getCurrentCluster()?.server).toBe('https://dev.example');
    expect(kc.getCurrentUser()?.name).toBe('dev-user');
  });

  it('lets the first file win for a name defined twice, as kubectl does', () => {
    expect(kubeConfigForContext([first, second], 'shared').getCurrentCluster()?.server).toBe(
      'https://first.example',
    );
    expect(kubeConfigForContext([second, first], 'shared').getCurrentCluster()?.server).toBe(
      'https://second.example',
    );
  });

  it('keeps the context namespace and skips files that do not exist', () => {
    const kc = kubeConfigForContext([join(dir, 'missing.yaml'), first], 'prod');
    expect(kc.getContextObject('prod')?.namespace).toBe('apps');
  });

  it('names an unknown context and never quotes a credential', () => {
    expect(() => kubeConfigForContext([first, second], 'nope')).toThrow(/context nope is not defined/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, `users:\n- name: x\n  user:\n    token: ${leakCanary}\n   bad: [\n`);
    let message = '';
    try {
      kubeConfigForContext([broken], 'prod');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^read kubeconfig .*broken\.yaml: /);
    expect(message).not.toContain(leakCanary);
  });
});
