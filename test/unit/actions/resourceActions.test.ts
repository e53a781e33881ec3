// Resource actions: discovery and runs with Argo CD's semantics (first script naming an action
// wins, `disabled` only when true, params, old- and new-style results, empty tables that were
// objects), the built-in restart/pause/resume, and what is refused: another object's identity,
// unknown or oversized parameters, disabled actions, scripts that loop or grow without bound.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { listActions, runAction } from '../../../engine/actions/resourceActions.ts';
import { createMergePatch } from '../../../engine/actions/mergePatch.ts';
import { RESTARTED_AT, runBuiltin } from '../../../engine/actions/builtin.ts';
import { compileScript } from '../../../engine/health/lua/sandbox.ts';
import { runValueScript, stopHealthScripts } from '../../../engine/health/lua/runner.ts';
import { actionFolder, deployment } from './fixtures.ts';

const dir = actionFolder();
afterAll(() => stopHealthScripts());

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop', labels: { a: 'b' } },
  data: { mode: 'fast' },
};
const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'shop', uid: 'cj-1' },
  spec: {
    schedule: '0 * * * *',
    suspend: false,
    jobTemplate: {
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'busybox' }] } } },
    },
  },
};

describe('built-in actions', () => {
  it('offers restart, pause and resume on a Deployment; pause disabled once paused', async () => {
    const actions = await listActions({ dir: undefined, obj: deployment() });
    expect(actions.map((a) => [a.name, a.disabled, a.source])).toEqual([
      ['pause', false, 'builtin'],
      ['restart', false, 'builtin'],
      ['resume', true, 'builtin'],
    ]);
    const paused = await listActions({ dir: undefined, obj: deployment({ paused: true }) });
    expect(paused.find((a) => a.name === 'pause')?.disabled).toBe(true);
    expect(paused.find((a) => a.name === 'resume')?.disabled).toBe(false);
  });

  it('offers only restart on a StatefulSet and a DaemonSet, nothing on a ConfigMap', async () => {
    for (const kind of ['StatefulSet', 'DaemonSet']) {
      const obj = { ...deployment(), kind };
      expect((await listActions({ dir: undefined, obj })).map((a) => a.name)).toEqual(['restart']);
    }
    expect(await listActions({ dir: undefined, obj: configMap })).toEqual([]);
  });

  it('restart stamps the pod template with kubectl.kubernetes.io/restartedAt in whole UTC seconds', () => {
    const changed = runBuiltin(
      'apps',
      'Deployment',
      'restart',
      deployment(),
      new Date('2026-03-04T05:06:07.891Z'),
    );
    const template = (
      changed!.spec as { template: { metadata: { annotations: Record<string, string>; labels: object } } }
    ).template;
    expect(template.metadata.annotations[RESTARTED_AT]).toBe('2026-03-04T05:06:07Z');
    expect(template.metadata.labels).toEqual({ app: 'web' });
  });

  it('pause sets spec.paused; resume removes it (a merge patch sends null)', async () => {
    const [paused] = await runAction({ dir: undefined, obj: deployment() }, 'pause', {});
    expect((paused!.resource.spec as { paused: boolean }).paused).toBe(true);
    const live = deployment({ paused: true });
    const [resumed] = await runAction({ dir: undefined, obj: live }, 'resume', {});
    expect(createMergePatch(live, resumed!.resource)).toEqual({ spec: { paused: null } });
  });

  it('refuses a disabled action and an unknown one', async () => {
    await expect(
      runAction({ dir: undefined, obj: deployment({ paused: true }) }, 'pause', {}),
    ).rejects.toThrow(/action pause is disabled/);
    await expect(runAction({ dir: undefined, obj: deployment() }, 'scale', {})).rejects.toThrow(
      /has no action scale \(it has pause, restart, resume\)/,
    );
    await expect(runAction({ dir: undefined, obj: deployment() }, '../../etc', {})).rejects.toThrow(
      /not an action name/,
    );
  });
});

describe('Lua actions of a customizations folder', () => {
  it("adds the folder's actions to the built-in ones; the script wins a name both have", async () => {
    const actions = await listActions({ dir, obj: deployment() });
    expect(actions.map((a) => a.name)).toEqual(['pause', 'restart', 'resume', 'scale']);
    expect(actions.find((a) => a.name === 'scale')).toEqual({
      name: 'scale',
      disabled: false,
      iconClass: 'fa fa-fw fa-plus-circle',
      params: [{ name: 'replicas' }],
      source: 'lua',
    });
    expect(actions.find((a) => a.name === 'restart')).toMatchObject({
      displayName: 'Restart (script)',
      source: 'lua',
    });
  });

  it('passes parameters as strings in actionParams', async () => {
    const [scaled] = await runAction({ dir, obj: deployment() }, 'scale', { replicas: '5' });
    expect(scaled).toMatchObject({ operation: 'patch', resource: { spec: { replicas: 5 } } });
    await expect(runAction({ dir, obj: deployment() }, 'scale', { replicas: 'many' })).rejects.toThrow(
      /replicas must be a number, not many/,
    );
  });

  it('runs the script of an action the folder names, with os.date', async () => {
    const [restarted] = await runAction({ dir, obj: deployment() }, 'restart', {});
    const stamp = (
      restarted!.resource.spec as { template: { metadata: { annotations: Record<string, string> } } }
    ).template.metadata.annotations[RESTARTED_AT];
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // "!" means UTC (fengari ignores it; the sandbox does not), whatever the machine's zone
    expect(Math.abs(Date.parse(stamp!) - Date.now())).toBeLessThan(60_000);
  });

  it('computes disabled from the object and keeps it boolean-only', async () => {
    const actions = await listActions({ dir, obj: cronJob });
    expect(actions.map((a) => [a.name, a.disabled])).toEqual([
      ['create-job', false],
      ['resume', true],
      ['suspend', false],
    ]);
    expect(actions[0]).toMatchObject({ displayName: 'Create Job', iconClass: 'fa fa-fw fa-play' });
  });

  it('a new-style action creates an object, in the namespace of the object it ran on', async () => {
    const impacted = await runAction({ dir, obj: cronJob }, 'create-job', {});
    expect(impacted).toHaveLength(1);
    expect(impacted[0]).toMatchObject({
      operation: 'create',
      resource: { kind: 'Job', metadata: { name: 'report-manual', namespace: 'shop' } },
    });
  });

  it('an emptied object comes back as an object, not an array (Argo CD cleanReturnedObj)', async () => {
    const [emptied] = await runAction({ dir, obj: configMap }, 'emptied', {});
    expect((emptied!.resource.metadata as { labels: unknown }).labels).toEqual({});
    expect((emptied!.resource.data as { note: string }).note).toBe('none');
  });

  it('refuses a patch of another namespace or another kind', async () => {
    await expect(runAction({ dir, obj: configMap }, 'elsewhere', {})).rejects.toThrow(
      /returned ConfigMap kube-system\/settings to patch: an action may patch only the object it ran on/,
    );
    await expect(runAction({ dir, obj: configMap }, 'otherkind', {})).rejects.toThrow(
      /returned Secret shop\/settings/,
    );
  });

  it('refuses results that are not objects, cycles, deep nesting and unknown operations', async () => {
    await expect(runAction({ dir, obj: configMap }, 'notatable', {})).rejects.toThrow(/not an object/);
    await expect(runAction({ dir, obj: configMap }, 'cycle', {})).rejects.toThrow(/recursively nested/);
    await expect(runAction({ dir, obj: configMap }, 'deep', {})).rejects.toThrow(/nested deeper than 100/);
    await expect(runAction({ dir, obj: configMap }, 'wrongop', {})).rejects.toThrow(
      /unsupported operation: "delete"/,
    );
  });

  it('stops a script that loops forever at its time limit', { timeout: 20_000 }, async () => {
    await expect(runAction({ dir, obj: configMap, timeoutMs: 300 }, 'loop', {})).rejects.toThrow(
      /action script ran longer than 300 ms/,
    );
  });

  it('stops a script that allocates without bound', { timeout: 60_000 }, async () => {
    await expect(runAction({ dir, obj: configMap, timeoutMs: 20_000 }, 'grow', {})).rejects.toThrow(
      /action script (needed more than \d+ MB of memory|ran longer)/,
    );
    // the worker is back for the next script
    expect((await listActions({ dir, obj: configMap })).length).toBeGreaterThan(0);
  });

  it('refuses unknown, badly named and oversized parameters', async () => {
    await expect(runAction({ dir, obj: deployment() }, 'scale', { replica: '1' })).rejects.toThrow(
      /has no parameter replica \(it has replicas\)/,
    );
    await expect(runAction({ dir, obj: deployment() }, 'scale', { 'a b': '1' })).rejects.toThrow(
      /not a plain name/,
    );
    await expect(
      runAction({ dir, obj: deployment() }, 'scale', { replicas: 'x'.repeat(9000) }),
    ).rejects.toThrow(/longer than 8192 bytes/);
  });

  it('says which discovery script does not compile', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' } };
    await expect(listActions({ dir, obj: secret })).rejects.toThrow(/Secret\/actions\/discovery.lua/);
  });
});

describe('the Lua value bridge', () => {
  it('encodes tables as gopher-json does: 1..n arrays, empty tables as arrays, other keys as strings', async () => {
    const compiled = compileScript(
      't',
      'return { list = {1, 2, "x"}, empty = {}, map = {[1] = "a", [3] = "c"}, n = 1.5, yes = true }',
      true,
    );
    if ('error' in compiled) throw new Error(compiled.error);
    const result = await runValueScript({ script: compiled.script, obj: {}, timeoutMs: 1000 });
    expect(result).toEqual({
      value: { list: [1, 2, 'x'], empty: [], map: { '1': 'a', '3': 'c' }, n: 1.5, yes: true },
    });
  });
});

// Argo CD's own catalogue script, when a mirror of Argo CD's repository is at hand: the
// built-in restart and the catalogue's must write the same annotation.
const mirror = process.env.PLUMBLINE_ARGOCD_MIRROR;
const catalogue = mirror
  ? actionFolder({
      'apps/Deployment/actions/restart/action.lua': execFileSync(
        'git',
        ['-C', mirror, 'show', 'HEAD:resource_customizations/apps/Deployment/actions/restart/action.lua'],
        { encoding: 'utf8' },
      ),
    })
  : '';
describe.skipIf(!mirror)(
  'Argo CD catalogue (skipped: PLUMBLINE_ARGOCD_MIRROR names no mirror of argoproj/argo-cd)',
  () => {
    it('apps/Deployment restart from the catalogue writes what the built-in restart writes', async () => {
      const [fromCatalogue] = await runAction({ dir: catalogue, obj: deployment() }, 'restart', {});
      const [builtin] = await runAction({ dir: undefined, obj: deployment() }, 'restart', {});
      const stamp = (obj: unknown) =>
        (obj as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template
          .metadata.annotations[RESTARTED_AT];
      expect(stamp(fromCatalogue!.resource)).toMatch(/Z$/);
      expect(
        Math.abs(Date.parse(stamp(fromCatalogue!.resource)!) - Date.parse(stamp(builtin!.resource)!)),
      ).toBeLessThan(5000);
    });
  },
);
