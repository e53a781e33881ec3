// Sync options on the real cluster: client-side apply with kubectl's last-applied annotation,
// Replace=true, CreateNamespace=true, Validate=false, and a generateName hook named per sync.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { LAST_APPLIED_ANNOTATION, readLiveObject } from '../../../engine/sync/index.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';
import { annotated, configMapObject, hook, jobObject, sync } from './syncTestKit.ts';

const ns = testNamespace('sync-options');
const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const created = `sync-created-${randomBytes(3).toString('hex')}`;
const cm = (name: string, namespace = ns) =>
  readLiveObject(connection, { group: '', kind: 'ConfigMap', namespace, name });
const run = (desired: KubeObject[], syncOptions: string[] = [], namespace?: string) =>
  sync(connection, { appName: 'options-app', desired, live: [], namespace, options: { syncOptions } });

afterAll(async () => {
  await core.deleteNamespace({ name: created }).catch(() => undefined);
});

describe('sync options', () => {
  it('ServerSideApply=false applies client-side with last-applied and removes what git dropped', async () => {
    const first = await run([configMapObject('csa', ns, { a: '1', b: '2' })], ['ServerSideApply=false']);
    expect(first.result.phase, first.result.message).toBe('Succeeded');
    expect((await cm('csa'))?.metadata?.annotations).toHaveProperty(LAST_APPLIED_ANNOTATION);
    const second = await run([configMapObject('csa', ns, { a: '1' })], ['ServerSideApply=false']);
    expect(second.result.phase, second.result.message).toBe('Succeeded');
    expect((await cm('csa'))?.data).toEqual({ a: '1' });
  });

  it('Replace=true creates, then replaces the whole object', async () => {
    const replace = { 'argocd.argoproj.io/sync-options': 'Replace=true' };
    await run([annotated(configMapObject('replaced', ns, { a: '1' }), replace)]);
    await core.patchNamespacedConfigMap({
      name: 'replaced',
      namespace: ns,
      body: [{ op: 'add', path: '/data/extra', value: 'x' }],
    });
    const { result } = await run([annotated(configMapObject('replaced', ns, { a: '2' }), replace)]);
    expect(result.phase, result.message).toBe('Succeeded');
    expect((await cm('replaced'))?.data).toEqual({ a: '2' });
  });

  it('a dry run with CreateNamespace=true succeeds and creates nothing', async () => {
    const { result } = await sync(connection, {
      appName: 'options-app',
      desired: [configMapObject('settings', created)],
      live: [],
      namespace: created,
      options: { dryRun: true, syncOptions: ['CreateNamespace=true'] },
    });
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => [r.kind, r.status])).toEqual([
      ['Namespace', 'Synced'],
      ['ConfigMap', 'Synced'],
    ]);
    await expect(core.readNamespace({ name: created })).rejects.toThrow();
  });

  it('Replace=true,Force=true deletes and creates the object anew', async () => {
    const forced = { 'argocd.argoproj.io/sync-options': 'Replace=true,Force=true' };
    await run([annotated(configMapObject('forced', ns, { a: '1' }), forced)]);
    const before = await cm('forced');
    const { result } = await run([annotated(configMapObject('forced', ns, { a: '2' }), forced)]);
    expect(result.phase, result.message).toBe('Succeeded');
    const after = await cm('forced');
    expect(after?.data).toEqual({ a: '2' });
    expect(after?.metadata?.uid).not.toBe(before?.metadata?.uid);
  });

  it('CreateNamespace=true creates the destination namespace first', async () => {
    const { result } = await run([configMapObject('settings', created)], ['CreateNamespace=true'], created);
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources.map((r) => r.kind)).toEqual(['Namespace', 'ConfigMap']);
    expect(await cm('settings', created)).toBeDefined();
  });

  // Server-side apply refuses fields outside the schema whatever fieldValidation says, so
  // Validate=false matters with client-side apply (as with kubectl apply --validate=false).
  it('refuses unknown fields, unless Validate=false (client-side apply)', async () => {
    const odd = { ...configMapObject('odd', ns), surprise: true };
    const strict = await run([odd]);
    expect(strict.result.phase).toBe('Failed');
    expect(strict.result.resources[0]?.message).toMatch(/surprise/);
    const lenient = await run([odd], ['Validate=false', 'ServerSideApply=false']);
    expect(lenient.result.phase, lenient.result.message).toBe('Succeeded');
  });

  it('names a generateName hook anew each sync', async () => {
    const job = jobObject('', ns);
    const generated = hook({ ...job, metadata: { namespace: ns, generateName: 'seed-' } }, 'Sync');
    const { result } = await run([generated]);
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.resources[0]?.name).toMatch(/^seed-sync-\d+$/);
    expect(
      await readLiveObject(connection, {
        group: 'batch',
        kind: 'Job',
        namespace: ns,
        name: result.resources[0]?.name ?? '',
      }),
    ).toBeDefined();
  });
});
