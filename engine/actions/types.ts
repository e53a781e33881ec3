// What a resource action is, as Argo CD's API describes it: a name, whether it can run now, how
// the UI shows it, and the parameters it asks for; and what running it changes.
import type { KubeObject } from '../diff/index.ts';

export interface ActionParam {
  name: string;
  /** Argo CD's optional hints; every value reaches the script as a string. */
  type?: string;
  default?: string;
}

export interface ResourceAction {
  name: string;
  disabled: boolean;
  iconClass?: string;
  displayName?: string;
  params: ActionParam[];
  /** Where it comes from: Plumbline's built-in code, or a Lua script of the customizations folder. */
  source: 'builtin' | 'lua';
}

/** One object an action changes: patched (the object it ran on) or created (v2.8+ actions). */
export interface ImpactedResource {
  operation: 'patch' | 'create';
  resource: KubeObject;
}
