// Listing and running the actions of one live object: the actions the settings define for its
// kind first, then — unless the settings define its kind without mergeBuiltinActions, as in
// Argo CD — the Lua actions of the user's customizations folder and Plumbline's built-in ones
// (Argo CD keeps the first script that names an action). Running gives the objects to write — never writes itself — and
// refuses what Argo CD would let slip: a disabled action, unknown or oversized parameters, a
// patch of any object but the one the action ran on.
import { objectKey, type KubeObject } from '../diff/index.ts';
import { DEFAULT_TIMEOUT_MS } from '../health/lua/sandbox.ts';
import { runValueScript } from '../health/lua/runner.ts';
import { actionScript, discoveryScript, plainActionName, type LoadedScript } from './actionScripts.ts';
import { builtinActions, runBuiltin } from './builtin.ts';
import { kindKey, type DefinedActions, type SettingsActions } from './settingsActions.ts';
import { addDiscovered, impactedResources } from './luaValue.ts';
import type { ImpactedResource, ResourceAction } from './types.ts';

export const MAX_PARAMS = 32;
export const MAX_PARAM_VALUE_BYTES = 8192;
const plainParamName = /^[A-Za-z0-9_.-]{1,63}$/;

export interface ActionContext {
  /** The customizations folder, if the user has one. */
  dir: string | undefined;
  /** The actions the settings define (`resourceActions`), if any. */
  defined?: SettingsActions;
  /** The live object, as the cluster has it now. */
  obj: KubeObject;
  timeoutMs?: number;
}

/** An action that cannot be listed or run: the message says what and why. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid-input' | 'failed',
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

function describe(obj: KubeObject): string {
  const { group, kind, namespace, name } = objectKey(obj);
  return `${group ? `${group}/` : ''}${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

async function runScript(
  loaded: Exclude<LoadedScript, undefined>,
  context: ActionContext,
  params: Record<string, string>,
): Promise<unknown> {
  if ('error' in loaded) throw new ActionError(loaded.error, 'failed');
  const result = await runValueScript({
    script: loaded.script,
    obj: context.obj,
    timeoutMs: context.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    params,
    label: 'action script',
  });
  if ('error' in result) throw new ActionError(result.error, 'failed');
  return result.value;
}

/** The settings' actions of the object's kind; any problem of the setting keeps all actions off. */
function definedFor(context: ActionContext): DefinedActions | undefined {
  const problems = context.defined?.problems ?? [];
  if (problems.length > 0)
    throw new ActionError(
      `resource actions are off until the resourceActions setting is fixed: ${problems.join('; ')}`,
      'failed',
    );
  const { group, kind } = objectKey(context.obj);
  return context.defined?.byKind.get(kindKey(group, kind));
}

async function discover(
  found: Map<string, ResourceAction>,
  discovery: LoadedScript,
  context: ActionContext,
): Promise<void> {
  if (!discovery) return;
  const value = await runScript(discovery, context, {});
  try {
    addDiscovered(found, value, 'script' in discovery ? discovery.script.name : 'discovery.lua');
  } catch (error) {
    throw new ActionError((error as Error).message, 'failed');
  }
}

export async function listActions(context: ActionContext): Promise<ResourceAction[]> {
  const { group, kind } = objectKey(context.obj);
  const found = new Map<string, ResourceAction>();
  const defined = definedFor(context);
  await discover(found, defined?.discovery, context);
  if (!defined || defined.mergeBuiltinActions) {
    await discover(found, context.dir ? await discoveryScript(context.dir, group, kind) : undefined, context);
    for (const action of builtinActions(group, kind, context.obj))
      if (!found.has(action.name)) found.set(action.name, action);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The parameters as the script gets them: declared ones filled with their defaults. */
export function actionParams(action: ResourceAction, given: Record<string, string>): Record<string, string> {
  const names = Object.keys(given);
  if (names.length > MAX_PARAMS) throw new ActionError(`more than ${MAX_PARAMS} parameters`, 'invalid-input');
  const declared = new Set(action.params.map((param) => param.name));
  // a Map, then own properties: a parameter named __proto__ is a name like any other
  const params = new Map<string, string>();
  for (const param of action.params) if (param.default !== undefined) params.set(param.name, param.default);
  for (const name of names) {
    const value = given[name]!;
    if (!plainParamName.test(name))
      throw new ActionError(
        `parameter name ${JSON.stringify(name.slice(0, 80))} is not a plain name`,
        'invalid-input',
      );
    if (!declared.has(name))
      throw new ActionError(
        `action ${action.name} has no parameter ${name}${declared.size ? ` (it has ${[...declared].join(', ')})` : ''}`,
        'invalid-input',
      );
    if (typeof value !== 'string' || Buffer.byteLength(value) > MAX_PARAM_VALUE_BYTES)
      throw new ActionError(
        `parameter ${name}: value longer than ${MAX_PARAM_VALUE_BYTES} bytes`,
        'invalid-input',
      );
    params.set(name, value);
  }
  return Object.fromEntries(params);
}

/** A patch must change the object the action ran on: same group, kind, namespace and name. */
function checkIdentity(impacted: ImpactedResource[], live: KubeObject, action: string): ImpactedResource[] {
  const liveKey = objectKey(live);
  return impacted.map((item) => {
    const key = objectKey(item.resource);
    if (item.operation === 'patch') {
      if (
        key.group !== liveKey.group ||
        key.kind !== liveKey.kind ||
        key.name !== liveKey.name ||
        (key.namespace || liveKey.namespace) !== liveKey.namespace
      )
        throw new ActionError(
          `action ${action} on ${describe(live)} returned ${describe(item.resource)} to patch: an action may patch only the object it ran on`,
          'failed',
        );
      return item;
    }
    const metadata = (item.resource.metadata ?? {}) as Record<string, unknown>;
    if (!key.kind || typeof item.resource.apiVersion !== 'string' || (!key.name && !metadata.generateName))
      throw new ActionError(
        `action ${action}: an object to create needs apiVersion, kind and a name`,
        'failed',
      );
    // created beside the object it ran on unless the script says where
    if (!key.namespace && liveKey.namespace)
      return {
        ...item,
        resource: { ...item.resource, metadata: { ...metadata, namespace: liveKey.namespace } },
      };
    return item;
  });
}

/** Runs an action on the live object: the objects to patch or create, checked, not yet written. */
export async function runAction(
  context: ActionContext,
  name: string,
  given: Record<string, string>,
): Promise<ImpactedResource[]> {
  if (!plainActionName.test(name))
    throw new ActionError(`${JSON.stringify(name.slice(0, 80))} is not an action name`, 'invalid-input');
  const offered = await listActions(context);
  const action = offered.find((candidate) => candidate.name === name);
  if (!action)
    throw new ActionError(
      `${describe(context.obj)} has no action ${name}${offered.length ? ` (it has ${offered.map((a) => a.name).join(', ')})` : ''}`,
      'invalid-input',
    );
  if (action.disabled)
    throw new ActionError(`action ${name} is disabled on ${describe(context.obj)} now`, 'failed');
  const params = actionParams(action, given);
  const { group, kind } = objectKey(context.obj);
  const script =
    definedFor(context)?.definitions.get(name) ??
    (context.dir ? await actionScript(context.dir, group, kind, name) : undefined);
  let impacted: ImpactedResource[];
  if (script) {
    const value = await runScript(script, context, params);
    try {
      impacted = impactedResources(value, context.obj, 'script' in script ? script.script.name : name);
    } catch (error) {
      throw new ActionError((error as Error).message, 'failed');
    }
  } else {
    const changed = runBuiltin(group, kind, name, context.obj);
    if (!changed)
      throw new ActionError(`action ${name} of ${describe(context.obj)} has no action.lua script`, 'failed');
    impacted = [{ operation: 'patch', resource: changed }];
  }
  return checkIdentity(impacted, context.obj, name);
}
