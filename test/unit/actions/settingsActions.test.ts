// Resource actions defined in the settings, as Argo CD's resource.customizations.actions:
// discovery and definitions per group/kind (object or argocd-cm YAML text, `/` or `_` keys), the
// settings' discovery alone unless mergeBuiltinActions, a definition before the folder's script.
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { listActions, runAction } from '../../../engine/actions/resourceActions.ts';
import { settingsActions } from '../../../engine/actions/settingsActions.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { stopHealthScripts } from '../../../engine/health/lua/runner.ts';

afterAll(() => stopHealthScripts());

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 1, template: { metadata: {}, spec: {} } },
};

const scale = {
  'discovery.lua': 'local a = {} a["scale-to-three"] = {} a["restart"] = { disabled = true } return a',
  definitions: [{ name: 'scale-to-three', 'action.lua': 'obj.spec.replicas = 3 return obj' }],
};

const names = (actions: { name: string; disabled: boolean }[]) =>
  actions.map((a) => `${a.name}${a.disabled ? ' (off)' : ''}`);

describe('resource actions of the settings', () => {
  it('replace the built-in actions of their kind unless mergeBuiltinActions', async () => {
    const defined = settingsActions({ 'apps/Deployment': scale });
    expect(defined.problems).toEqual([]);
    expect(names(await listActions({ dir: undefined, defined, obj: deployment }))).toEqual([
      'restart (off)',
      'scale-to-three',
    ]);
    const merged = settingsActions({ apps_Deployment: { ...scale, mergeBuiltinActions: true } });
    // the settings' discovery wins for restart; pause and resume come from the built-in ones
    expect(names(await listActions({ dir: undefined, defined: merged, obj: deployment }))).toEqual([
      'pause',
      'restart (off)',
      'resume (off)',
      'scale-to-three',
    ]);
  });

  it('run a definition on the object', async () => {
    const defined = settingsActions({ 'apps/Deployment': scale });
    const [patched] = await runAction({ dir: undefined, defined, obj: deployment }, 'scale-to-three', {});
    expect(patched?.resource.spec).toMatchObject({ replicas: 3 });
  });

  it("read argocd-cm's YAML text, and leave other kinds alone", async () => {
    const defined = settingsActions({ 'apps/Deployment': stringify(scale), ConfigMap: stringify(scale) });
    expect(defined.problems).toEqual([]);
    expect([...defined.byKind.keys()].sort()).toEqual(['/ConfigMap', 'apps/Deployment']);
    const statefulSet = { ...deployment, kind: 'StatefulSet' };
    expect(names(await listActions({ dir: undefined, defined, obj: statefulSet }))).toEqual(['restart']);
  });

  it('keep every action off while the setting has a problem, and name it', async () => {
    const defined = settingsActions({ 'apps/Deploy ment': scale });
    expect(defined.problems).toEqual([
      'key "apps/Deploy ment" is not <group>/<kind> (or <group>_<kind>, or a core kind)',
    ]);
    await expect(listActions({ dir: undefined, defined, obj: deployment })).rejects.toThrow(
      /resource actions are off until the resourceActions setting is fixed: key "apps\/Deploy ment"/,
    );
  });
});
