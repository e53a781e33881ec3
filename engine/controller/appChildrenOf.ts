// Which child applications one "app of apps" parent's rendered manifests define, checked with the
// same Application schema as a workspace file. Everything wrong becomes a condition on the
// parent: an invalid Application keeps the child as it was (Argo CD's apply of it would fail and
// leave the old object), a name that is the parent or one of its ancestors is a cycle, a chain
// deeper than MAX_CHILD_DEPTH or more than MAX_CHILDREN Applications change nothing.
import { z } from 'zod';
import type { Condition } from '../api/contract.ts';
import type { KubeObject } from '../diff/index.ts';
import { ARGOPROJ_GROUP, applicationSchema } from '../model/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';

/** More children than this from one parent is a runaway generator, not a real app of apps. */
export const MAX_CHILDREN = 2000;
/** Parents of parents this deep: beyond it a chain is stopped (a cycle through renames, a typo). */
export const MAX_CHILD_DEPTH = 8;

/** An Argo CD object among a parent's manifests: for Plumbline to read, never for the cluster. */
export const isArgoCdObject = (object: KubeObject): boolean =>
  typeof object.apiVersion === 'string' && object.apiVersion.startsWith(`${ARGOPROJ_GROUP}/`);

const isApplication = (object: KubeObject) => isArgoCdObject(object) && object.kind === 'Application';

export interface ChildrenFound {
  /** The children now; null when the render changes nothing (over a limit). */
  children: Map<string, LoadedApplication> | null;
  /** What the parent shows about its manifests' Argo CD objects. */
  conditions: Condition[];
}

/**
 * @param ancestors the parent's own parents, nearest first (empty for a workspace application)
 * @param before the children of the previous render, kept when their new version is invalid
 */
export function childrenOf(
  parent: string,
  file: string,
  objects: readonly KubeObject[],
  ancestors: readonly string[],
  before: ReadonlyMap<string, LoadedApplication>,
): ChildrenFound {
  const applications = objects.filter(isApplication);
  const conditions: Condition[] = otherArgoCdObjects(parent, objects);
  if (applications.length === 0) return { children: new Map(), conditions };
  if (ancestors.length >= MAX_CHILD_DEPTH)
    return {
      children: new Map(),
      conditions: [
        ...conditions,
        {
          type: 'InvalidSpecError',
          message: `${parent} is an app of apps ${ancestors.length} levels down (${[...ancestors].reverse().join(' → ')} → ${parent}); Plumbline follows at most ${MAX_CHILD_DEPTH}, so its ${applications.length} Applications are not created`,
          file,
        },
      ],
    };
  if (applications.length > MAX_CHILDREN)
    return {
      children: null,
      conditions: [
        ...conditions,
        {
          type: 'InvalidSpecError',
          message: `the manifests of ${parent} hold ${applications.length} Applications, more than the ${MAX_CHILDREN} Plumbline takes from one parent: its children are left as they were`,
          file,
        },
      ],
    };
  const children = new Map<string, LoadedApplication>();
  const lineage = new Set([parent, ...ancestors]);
  for (const object of applications) {
    const name = (object.metadata as { name?: unknown } | undefined)?.name;
    const checked = applicationSchema.safeParse(object);
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : 'with no name';
    if (typeof name === 'string' && lineage.has(name)) {
      conditions.push({
        type: 'InvalidSpecError',
        message: `the Application ${shown} in the manifests of ${parent} is a cycle (${[...ancestors].reverse().join(' → ')}${ancestors.length ? ' → ' : ''}${parent} → ${name}): not created`,
        file,
      });
      continue;
    }
    if (typeof name === 'string' && children.has(name)) {
      conditions.push({
        type: 'RepeatedResourceWarning',
        message: `the manifests of ${parent} define the Application ${shown} more than once (namespaces do not tell children apart): the first is used`,
        file,
      });
      continue;
    }
    if (!checked.success) {
      const kept = typeof name === 'string' ? before.get(name) : undefined;
      if (kept) children.set(kept.name, kept);
      conditions.push({
        type: 'InvalidSpecError',
        message: `the Application ${shown} in the manifests of ${parent} is invalid${kept ? ' (its previous version stays)' : ''}: ${z.prettifyError(checked.error).slice(0, 2000)}`,
        file,
      });
      continue;
    }
    children.set(checked.data.metadata.name, {
      name: checked.data.metadata.name,
      origin: { file, documentIndex: 0, line: 0 },
      definition: checked.data,
      raw: object as Record<string, unknown>,
      conditions: [],
    });
  }
  return { children, conditions };
}

/** AppProjects and ApplicationSets a parent's manifests hold: named, and said not to be used yet. */
function otherArgoCdObjects(parent: string, objects: readonly KubeObject[]): Condition[] {
  const others = objects.filter((object) => isArgoCdObject(object) && !isApplication(object));
  if (others.length === 0) return [];
  const names = others
    .slice(0, 5)
    .map((object) => `${String(object.kind).slice(0, 40)} ${String(object.metadata?.name).slice(0, 80)}`);
  return [
    {
      type: 'UnsupportedArgoCdObject',
      message: `the manifests of ${parent} hold ${others.length} Argo CD objects other than Applications (${names.join(', ')}${others.length > 5 ? ', …' : ''}): Plumbline neither applies them to the cluster nor uses them yet; define AppProjects and ApplicationSets in workspace files`,
    },
  ];
}
