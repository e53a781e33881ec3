// Retries and terminate on the real cluster: a sync into a namespace that does not exist yet
// fails, and succeeds on retry once the namespace is there; a terminated sync stops waiting.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readLiveObject } from '../../../engine/sync/index.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';
import { configMapObject, hook, podObject, sync } from './syncTestKit.ts';

const connection = connect('plumbline-a');
const { core } = clientsOf(connection);
const late = `sync-late-${randomBytes(3).toString('hex')}`;
const ns = testNamespace('sync-stop');

afterAll(async () => {
  await core.deleteNamespace({ name: late }).catch(() => undefined);
});

describe('sync: retries and terminate', () => {
  it('retries with backoff after a transient failure (a namespace created after the first attempt)', async () => {
    let created: Promise<unknown> | undefined;
    const { result, progress } = await sync(
      connection,
      {
        appName: 'retry-app',
        desired: [configMapObject('settings', late)],
        live: [],
        options: { retry: { limit: 3, backoff: { duration: '1s', factor: 2 } } },
      },
      {},
      (p) => {
        if (p.message.includes('retrying in') && !created)
          created = core.createNamespace({ body: { metadata: { name: late } } });
      },
    );
    await created;
    expect(result.phase, result.message).toBe('Succeeded');
    expect(result.attempt).toBe(2);
    const failed = progress.find((p) => p.message.includes('retrying in'));
    expect(failed?.resources[0]?.status).toBe('SyncFailed');
    expect(failed?.resources[0]?.message).toMatch(/^dry run: .*not found/);
    expect(
      await readLiveObject(connection, { group: '', kind: 'ConfigMap', namespace: late, name: 'settings' }),
    ).toBeDefined();
  });

  it('gives up after the retry limit with the last failure', async () => {
    const { result } = await sync(connection, {
      appName: 'retry-app',
      desired: [configMapObject('settings', `${late}-never`)],
      live: [],
      options: { retry: { limit: 1, backoff: { duration: '1s' } } },
    });
    expect(result.phase).toBe('Failed');
    expect(result.attempt).toBe(2);
  });

  it('a terminated sync stops before its next step, deletes its running hook and ends Failed', async () => {
    const controller = new AbortController();
    const desired = [hook(podObject('forever', ns), 'PreSync'), configMapObject('after', ns)];
    const { result, progress } = await sync(
      connection,
      { appName: 'stop-app', desired, live: [], options: { signal: controller.signal, retry: { limit: 2 } } },
      {},
      (p) => {
        if (p.resources[0]?.hookPhase === 'Running') controller.abort();
      },
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toBe('Operation terminated');
    expect(progress.map((p) => p.phase)).toContain('Terminating');
    expect(result.attempt).toBe(1);
    expect(result.resources[0]).toMatchObject({
      name: 'forever',
      hookPhase: 'Failed',
      status: 'SyncFailed',
      message: 'terminated',
    });
    const pod = { group: '', kind: 'Pod', namespace: ns, name: 'forever' };
    await until('the running hook deleted', async () => !(await readLiveObject(connection, pod)));
    expect(
      await readLiveObject(connection, { group: '', kind: 'ConfigMap', namespace: ns, name: 'after' }),
    ).toBeUndefined();
  });
});
