// `plumbline health`, run as a user runs it: JSON lines on stdout, errors naming the file on
// stderr, exit 0 / 1 (a file failed) / 2 (usage).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/health');

function lines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('plumbline health', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plumbline-health-cli-'));
    await writeFile(
      join(dir, 'app.yaml'),
      `# a deployment, a config map and a list
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 3}
status: {observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec: {type: LoadBalancer}
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: data}
  status: {phase: Bound}
`,
    );
    await writeFile(join(dir, 'broken.yaml'), 'kind: [Deployment\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON line per object, status null where no check applies', async () => {
    const result = await runCli(['health', join(dir, 'app.yaml'), join(fixtures, 'pod/crashloop.yaml')], {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(dir, 'app.yaml');
    expect(lines(result.stdout)).toEqual([
      {
        file,
        kind: 'Deployment',
        name: 'web',
        status: 'Progressing',
        message: 'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
      },
      { file, kind: 'ConfigMap', name: 'settings', status: null, message: null },
      { file, kind: 'Service', name: 'web', status: 'Progressing', message: null },
      { file, kind: 'PersistentVolumeClaim', name: 'data', status: 'Healthy', message: null },
      {
        file: join(fixtures, 'pod/crashloop.yaml'),
        kind: 'Pod',
        name: 'web-1',
        status: 'Degraded',
        message: 'back-off 40s restarting failed container=main pod=web-1_shop',
      },
    ]);
  });

  it('reports a file that cannot be read or parsed, judges the others, and exits 1', async () => {
    const missing = join(dir, 'missing.yaml');
    const broken = join(dir, 'broken.yaml');
    const good = join(fixtures, 'pvc/bound.yaml');
    const result = await runCli(['health', missing, broken, good], {});
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      { file: good, kind: 'PersistentVolumeClaim', name: 'data', status: 'Healthy', message: null },
    ]);
    const errors = result.stderr.trim().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^plumbline health: ${missing}: .*no such file`));
    expect(errors[1]).toMatch(new RegExp(`^plumbline health: ${broken}: document 1: .+`));
  });

  it('runs Lua checks from --customizations, warning about scripts that do not compile', async () => {
    const result = await runCli(
      [
        'health',
        '--customizations',
        join(fixtures, 'resource_customizations'),
        join(fixtures, 'custom-objects.yaml'),
      ],
      {},
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^plumbline health: warning: broken\.example\.com\/Syntax\/health\.lua: /);
    const byName = new Map(
      lines(result.stdout).map((line) => [(line as { name: string }).name, line as Record<string, unknown>]),
    );
    expect(byName.get('shop-tls')).toMatchObject({ kind: 'Certificate', status: 'Healthy' });
    expect(byName.get('orders')).toMatchObject({ kind: 'RDSInstance', status: 'Healthy' });
    expect(byName.get('tuning')).toMatchObject({
      status: 'Healthy',
      message: 'replicas=3 half=1.5 double=6 parsed=12 ratio=0.25 keys=4 upper=PRODUCTION',
    });
    expect(byName.get('r')).toMatchObject({ status: 'Unknown' });
    expect(byName.get('web')).toMatchObject({ kind: 'Deployment', status: 'Healthy' });
  });

  it('exits 2 without a file', async () => {
    const result = await runCli(['health'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'file'/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when the customizations directory cannot be read', async () => {
    const result = await runCli(['health', '--customizations', join(dir, 'nope'), join(dir, 'app.yaml')], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/read health customizations .*nope/);
    expect(result.stdout).toBe('');
  });
});
