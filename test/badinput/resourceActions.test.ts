// Hostile resource actions: scripts that loop forever, allocate without bound, return another
// object's identity (namespace, kind, name) or nonsense, link outside the customizations folder;
// action names that climb out of it; parameters with hostile names, sizes and contents. Each is
// stopped or refused with a message naming the script or the parameter; nothing is written
// (these run the engine side only: what would be written is refused before any write).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ActionError, listActions, runAction } from '../../engine/actions/resourceActions.ts';
import { stopHealthScripts } from '../../engine/health/lua/runner.ts';
import type { KubeObject } from '../../engine/diff/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';

afterAll(() => stopHealthScripts());

const dir = tempDir('plumbline-hostile-actions-');
function script(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
const ACTIONS = ['loop', 'pcallloop', 'grow', 'bigstring', 'namespace', 'kind', 'name', 'nothing', 'echo'];
script(
  'ConfigMap/actions/discovery.lua',
  `local a = {}
for _, n in ipairs({${ACTIONS.map((n) => `"${n}"`).join(', ')}}) do a[n] = {} end
a["echo"] = { params = { { name = "value" } } }
return a`,
);
script('ConfigMap/actions/loop/action.lua', 'while true do end');
script('ConfigMap/actions/pcallloop/action.lua', 'while true do pcall(function() while true do end end) end');
script(
  'ConfigMap/actions/grow/action.lua',
  'local t = {} local i = 0 while true do i = i + 1 t[i] = { i, tostring(i) } end',
);
script('ConfigMap/actions/bigstring/action.lua', 'local s = "x" while true do s = s .. s end');
script('ConfigMap/actions/namespace/action.lua', 'obj.metadata.namespace = "kube-system" return obj');
script(
  'ConfigMap/actions/kind/action.lua',
  'obj.kind = "Secret" return { { operation = "patch", resource = obj } }',
);
script('ConfigMap/actions/name/action.lua', 'obj.metadata.name = "other" return obj');
script('ConfigMap/actions/nothing/action.lua', 'return nil');
script('ConfigMap/actions/echo/action.lua', 'obj.data.value = actionParams["value"] return obj');

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop' },
  data: { mode: 'fast' },
};
const context = { dir, obj: configMap, timeoutMs: 300 };

async function refused(
  action: string,
  params: Record<string, string> = {},
  timeoutMs = 300,
): Promise<string> {
  const error = await runAction({ ...context, timeoutMs }, action, params).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ActionError);
  return (error as Error).message;
}

/** The refusal's message, checked; returned for the corpus's leak check. */
async function refusedWith(
  pattern: RegExp,
  action: string,
  params: Record<string, string> = {},
  timeoutMs = 300,
) {
  const message = await refused(action, params, timeoutMs);
  expect(message).toMatch(pattern);
  return message;
}

badInputCases('resource actions', [
  {
    name: 'an action script that loops forever',
    outcome: 'stopped at its time limit',
    run: () => refusedWith(/action script ran longer than 300 ms/, 'loop'),
  },
  {
    name: 'an action script that loops inside pcall',
    outcome: 'stopped at its time limit',
    run: () => refusedWith(/ran longer than 300 ms/, 'pcallloop'),
  },
  {
    name: 'an action script that allocates tables without bound',
    outcome: 'stopped at the memory or time limit, the next script runs',
    timeoutMs: 60_000,
    run: async () => {
      expect(await refused('grow', {}, 20_000)).toMatch(/needed more than \d+ MB of memory|ran longer/);
      expect((await listActions(context)).length).toBe(ACTIONS.length);
      return 'stopped';
    },
  },
  {
    name: 'an action script that doubles a string without bound',
    outcome: 'stopped at the string limit',
    run: () => refusedWith(/MB of strings|larger than/, 'bigstring', {}, 5000),
  },
  {
    name: 'an action returning the object in another namespace',
    outcome: 'refused: an action patches only the object it ran on',
    run: () => refusedWith(/returned ConfigMap kube-system\/settings to patch/, 'namespace'),
  },
  {
    name: 'an action returning another kind',
    outcome: 'refused',
    run: () => refusedWith(/returned Secret shop\/settings to patch/, 'kind'),
  },
  {
    name: 'an action returning another name',
    outcome: 'refused',
    run: () => refusedWith(/returned ConfigMap shop\/other to patch/, 'name'),
  },
  {
    name: 'an action returning nil',
    outcome: 'refused with the type',
    run: () => refusedWith(/not an object/, 'nothing'),
  },
  {
    name: 'action names that climb out of the folder',
    outcome: 'refused as names',
    run: async () => {
      for (const name of ['../../../etc/passwd', 'loop/../../x', '', '.hidden', 'a'.repeat(100)])
        expect(await refused(name)).toMatch(/not an action name/);
      return 'refused';
    },
  },
  {
    name: 'a discovery script linking to a file outside the folder',
    outcome: 'refused without reading it',
    run: async (marker: OutsideMarker) => {
      mkdirSync(join(dir, 'Secret/actions'), { recursive: true });
      symlinkSync(marker.path, join(dir, 'Secret/actions/discovery.lua'));
      const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' } };
      const error = await listActions({ dir, obj: secret }).catch((failure: Error) => failure.message);
      expect(error).toMatch(/links to a file outside the customizations folder/);
      return error;
    },
  },
  {
    name: 'hostile parameter values: Lua code, NUL bytes, 8 KiB + 1, unknown and odd names, too many',
    outcome: 'values reach the script as plain strings; oversize, unknown or odd names refused',
    run: async () => {
      for (const value of ['"]] os.exit() --', 'a\u0000b', '${jndi:ldap://x}', '$(rm -rf /)']) {
        const [result] = await runAction(context, 'echo', { value });
        expect((result!.resource.data as { value: string }).value).toBe(value);
      }
      expect(await refused('echo', { value: 'x'.repeat(8193) })).toMatch(/longer than 8192 bytes/);
      expect(await refused('echo', { other: '1' })).toMatch(/has no parameter other/);
      expect(await refused('echo', Object.fromEntries([['__proto__', '1']]))).toMatch(
        /has no parameter __proto__/,
      );
      expect(await refused('echo', { 'a=b': '1' })).toMatch(/not a plain name/);
      const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, 'x']));
      expect(await refused('echo', many)).toMatch(/more than 32 parameters/);
      return 'refused';
    },
  },
]);
