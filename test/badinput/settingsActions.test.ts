// Hostile resource actions in the settings (`resourceActions`, Argo CD's
// resource.customizations.actions): keys that name no kind (paths, wildcards, flags, huge),
// scripts over the size limit, scripts that do not compile, YAML text that is no such object,
// too many definitions, hostile action names, and scripts that loop or allocate without bound.
// Each is refused or stopped with a message naming the key or script; nothing is written (these
// run the engine side only).
import { afterAll, expect } from 'vitest';
import { stringify } from 'yaml';
import { ActionError, listActions, runAction } from '../../engine/actions/resourceActions.ts';
import { settingsActions } from '../../engine/actions/settingsActions.ts';
import type { KubeObject } from '../../engine/diff/index.ts';
import { stopHealthScripts } from '../../engine/health/lua/runner.ts';
import { badInputCases } from './corpus.ts';

afterAll(() => stopHealthScripts());

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop' },
  data: { mode: 'fast' },
};

/** The one action `run` on a ConfigMap with this action.lua. */
function oneAction(source: string) {
  return settingsActions({
    ConfigMap: {
      'discovery.lua': 'return { run = {} }',
      definitions: [{ name: 'run', 'action.lua': source }],
    },
  });
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ActionError);
  return (error as Error).message;
}

badInputCases('resource actions of the settings', [
  {
    name: 'keys that name no group/kind: a path, a wildcard, a flag, spaces, 10 KB, empty',
    outcome: 'each named as a problem; every action is off until it is fixed',
    async run() {
      const keys = [
        '../../etc/passwd',
        '*/Deployment',
        'apps/*',
        '--kind',
        'apps/Deploy ment',
        'x'.repeat(10_000),
        '',
      ];
      const defined = settingsActions(Object.fromEntries(keys.map((key) => [key, {}])));
      expect(defined.problems).toHaveLength(keys.length);
      expect(defined.byKind.size).toBe(0);
      expect(defined.problems.join('\n')).toContain('key "apps/*" is not <group>/<kind>');
      const message = await refusal(listActions({ dir: undefined, defined, obj: configMap }));
      expect(message).toMatch(/resourceActions setting is fixed/);
      expect(message.length).toBeLessThan(2000); // the 10 KB key is cut short
      return message;
    },
  },
  {
    name: 'an action.lua of 2 MiB',
    outcome: 'refused unread as larger than 1 MiB, named',
    async run() {
      const defined = oneAction(`return obj -- ${'x'.repeat(2 * 1024 * 1024)}`);
      expect(defined.problems).toEqual(['ConfigMap run/action.lua: the script is larger than 1 MiB']);
      return defined.problems;
    },
  },
  {
    name: 'YAML text of 10 MiB, YAML that is a list, YAML with a billion laughs',
    outcome: 'refused with the key and the reason',
    async run() {
      const laughs = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
      const defined = settingsActions({
        'apps/Deployment': 'x'.repeat(10 * 1024 * 1024),
        'apps/StatefulSet': '- a\n- b\n',
        'batch/Job': laughs,
      });
      expect(defined.problems).toHaveLength(3);
      expect(defined.problems[0]).toMatch(/"apps\/Deployment": larger than 4 MiB/);
      expect(defined.problems[1]).toMatch(/"apps\/StatefulSet": the value: /);
      expect(defined.problems[2]).toMatch(/"batch\/Job": .*alias/i);
      return defined.problems;
    },
  },
  {
    name: 'a script that does not compile, 101 definitions, names that climb out or repeat',
    outcome: 'each refused, named',
    async run() {
      const many = Array.from({ length: 101 }, (_, i) => ({ name: `a${i}`, 'action.lua': 'return obj' }));
      const defined = settingsActions({
        ConfigMap: { 'discovery.lua': 'return {' },
        Secret: { definitions: many },
        Service: { definitions: [{ name: '../x', 'action.lua': 'return obj' }] },
        Pod: {
          definitions: [
            { name: 'a', 'action.lua': 'return obj' },
            { name: 'a', 'action.lua': 'return obj' },
          ],
        },
      });
      expect(defined.problems).toEqual([
        expect.stringMatching(/^ConfigMap discovery.lua: .*expected/),
        expect.stringMatching(/^"Secret": definitions: Too big/i),
        '"Service": "../x" is not an action name',
        '"Pod": action a is defined twice',
      ]);
      return defined.problems;
    },
  },
  {
    name: 'an action that loops forever, and one that allocates without bound',
    outcome: 'stopped at the time or memory limit; the next action runs',
    timeoutMs: 60_000,
    async run() {
      const loop = await refusal(
        runAction(
          { dir: undefined, defined: oneAction('while true do end'), obj: configMap, timeoutMs: 300 },
          'run',
          {},
        ),
      );
      expect(loop).toMatch(/ran longer than 300 ms/);
      const grow = await refusal(
        runAction(
          {
            dir: undefined,
            defined: oneAction('local t = {} local i = 0 while true do i = i + 1 t[i] = { i } end'),
            obj: configMap,
            timeoutMs: 20_000,
          },
          'run',
          {},
        ),
      );
      expect(grow).toMatch(/needed more than \d+ MB of memory|ran longer/);
      const [patched] = await runAction(
        { dir: undefined, defined: oneAction('obj.data.mode = "slow" return obj'), obj: configMap },
        'run',
        {},
      );
      expect(patched?.resource.data).toEqual({ mode: 'slow' });
      return [loop, grow];
    },
  },
  {
    name: 'argocd-cm YAML whose action uses the open libraries Argo CD does not give it (io, os.execute)',
    outcome: 'fails inside the sandbox, named',
    async run() {
      const defined = settingsActions({
        ConfigMap: stringify({
          'discovery.lua': 'return { run = {} }',
          definitions: [{ name: 'run', 'action.lua': 'os.execute("touch /tmp/pwned") return obj' }],
        }),
      });
      const message = await refusal(runAction({ dir: undefined, defined, obj: configMap }, 'run', {}));
      expect(message).toMatch(/execute/);
      return message;
    },
  },
]);
