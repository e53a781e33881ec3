// Which Argo CD definitions one "app of apps" parent's rendered manifests hold (Applications,
// AppProjects, ApplicationSets), each checked with the same schema as a workspace file.
// Everything wrong becomes a condition on the parent: an invalid definition keeps its previous
// version (Argo CD's apply of it would fail and leave the old object), an Application named as
// the parent or one of its ancestors is a cycle, a chain deeper than MAX_CHILD_DEPTH or more than
// MAX_CHILDREN definitions change nothing.
import { z } from 'zod';
import type { Condition } from '../api/contract.ts';
import type { KubeObject } from '../diff/index.ts';
import {
  ARGOPROJ_GROUP,
  appProjectSchema,
  applicationSchema,
  applicationSetSchema,
  type AppProject,
} from '../model/index.ts';
import type { LoadedApplication, LoadedApplicationSet, LoadedDefinition } from '../workspace/index.ts';

/** More children than this from one parent is a runaway generator, not a real app of apps. */
export const MAX_CHILDREN = 2000;
/** Parents of parents this deep: beyond it a chain is stopped (a cycle through renames, a typo). */
export const MAX_CHILD_DEPTH = 8;

/** An Argo CD object among a parent's manifests: for Plumbline to read, never for the cluster. */
export const isArgoCdObject = (object: KubeObject): boolean =>
  typeof object.apiVersion === 'string' && object.apiVersion.startsWith(`${ARGOPROJ_GROUP}/`);

/** The Argo CD definitions one parent's manifests hold, each kind by name. */
export interface ParentDefinitions {
  applications: Map<string, LoadedApplication>;
  projects: Map<string, LoadedDefinition<AppProject>>;
  sets: Map<string, LoadedApplicationSet>;
}

export const noDefinitions = (): ParentDefinitions => ({
  applications: new Map(),
  projects: new Map(),
  sets: new Map(),
});

export interface ChildrenFound {
  /** What the parent defines now; null when the render changes nothing (over a limit). */
  children: ParentDefinitions | null;
  /** What the parent shows about its manifests' Argo CD objects. */
  conditions: Condition[];
}

const KINDS = [
  { kind: 'Application', key: 'applications', schema: applicationSchema },
  { kind: 'AppProject', key: 'projects', schema: appProjectSchema },
  { kind: 'ApplicationSet', key: 'sets', schema: applicationSetSchema },
] as const;

const ofKind = (objects: readonly KubeObject[], kind: string) =>
  objects.filter((object) => isArgoCdObject(object) && object.kind === kind);

/**
 * The definitions of one kind: checked with the workspace's schema; an invalid one keeps its
 * previous version (Argo CD's apply of it would fail and leave the old object), a repeated name
 * counts once.
 */
function definitionsOf<T extends { metadata: { name: string } }>(
  parent: string,
  file: string,
  kind: string,
  schema: z.ZodType<T>,
  objects: readonly KubeObject[],
  before: ReadonlyMap<string, LoadedDefinition<T>>,
  conditions: Condition[],
  refuse?: (name: string) => string | null,
): Map<string, LoadedDefinition<T>> {
  const found = new Map<string, LoadedDefinition<T>>();
  for (const object of objects) {
    const name = (object.metadata as { name?: unknown } | undefined)?.name;
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : 'with no name';
    const refused = typeof name === 'string' ? refuse?.(name) : null;
    if (refused) {
      conditions.push({ type: 'InvalidSpecError', message: refused, file });
      continue;
    }
    if (typeof name === 'string' && found.has(name)) {
      conditions.push({
        type: 'RepeatedResourceWarning',
        message: `the manifests of ${parent} define the ${kind} ${shown} more than once (namespaces do not tell them apart): the first is used`,
        file,
      });
      continue;
    }
    const checked = schema.safeParse(object);
    if (!checked.success) {
      const kept = typeof name === 'string' ? before.get(name) : undefined;
      if (kept) found.set(kept.name, kept);
      conditions.push({
        type: 'InvalidSpecError',
        message: `the ${kind} ${shown} in the manifests of ${parent} is invalid${kept ? ' (its previous version stays)' : ''}: ${z.prettifyError(checked.error).slice(0, 2000)}`,
        file,
      });
      continue;
    }
    found.set(checked.data.metadata.name, {
      name: checked.data.metadata.name,
      origin: { file, documentIndex: 0, line: 0 },
      definition: checked.data,
      raw: object as Record<string, unknown>,
      conditions: [],
    });
  }
  return found;
}

/**
 * @param ancestors the parent's own parents, nearest first (empty for a workspace application)
 * @param before what the previous render defined, kept where the new version is invalid
 */
export function childrenOf(
  parent: string,
  file: string,
  objects: readonly KubeObject[],
  ancestors: readonly string[],
  before: ParentDefinitions,
): ChildrenFound {
  const conditions: Condition[] = otherArgoCdObjects(parent, objects);
  const counted = KINDS.map(({ kind }) => ofKind(objects, kind).length).reduce((a, b) => a + b, 0);
  if (counted === 0) return { children: noDefinitions(), conditions };
  if (ancestors.length >= MAX_CHILD_DEPTH)
    return {
      children: noDefinitions(),
      conditions: [
        ...conditions,
        {
          type: 'InvalidSpecError',
          message: `${parent} is an app of apps ${ancestors.length} levels down (${[...ancestors].reverse().join(' → ')} → ${parent}); Plumbline follows at most ${MAX_CHILD_DEPTH}, so its ${counted} Argo CD objects are not created`,
          file,
        },
      ],
    };
  if (counted > MAX_CHILDREN)
    return {
      children: null,
      conditions: [
        ...conditions,
        {
          type: 'InvalidSpecError',
          message: `the manifests of ${parent} hold ${counted} Argo CD objects, more than the ${MAX_CHILDREN} Plumbline takes from one parent: its children are left as they were`,
          file,
        },
      ],
    };
  const lineage = new Set([parent, ...ancestors]);
  const cycle = (name: string) =>
    lineage.has(name)
      ? `the Application ${JSON.stringify(name.slice(0, 80))} in the manifests of ${parent} is a cycle (${[...ancestors].reverse().join(' → ')}${ancestors.length ? ' → ' : ''}${parent} → ${name}): not created`
      : null;
  return {
    children: {
      applications: definitionsOf(
        parent,
        file,
        'Application',
        applicationSchema,
        ofKind(objects, 'Application'),
        before.applications,
        conditions,
        cycle,
      ),
      projects: definitionsOf(
        parent,
        file,
        'AppProject',
        appProjectSchema,
        ofKind(objects, 'AppProject'),
        before.projects,
        conditions,
      ),
      sets: definitionsOf(
        parent,
        file,
        'ApplicationSet',
        applicationSetSchema,
        ofKind(objects, 'ApplicationSet'),
        before.sets,
        conditions,
      ),
    },
    conditions,
  };
}

/** Argo CD objects a parent's manifests hold that Plumbline does not take from there: named. */
function otherArgoCdObjects(parent: string, objects: readonly KubeObject[]): Condition[] {
  const taken = new Set<unknown>(KINDS.map(({ kind }) => kind));
  const others = objects.filter((object) => isArgoCdObject(object) && !taken.has(object.kind));
  if (others.length === 0) return [];
  const names = others
    .slice(0, 5)
    .map((object) => `${String(object.kind).slice(0, 40)} ${String(object.metadata?.name).slice(0, 80)}`);
  return [
    {
      type: 'UnsupportedArgoCdObject',
      message: `the manifests of ${parent} hold ${others.length} Argo CD objects other than Applications, AppProjects and ApplicationSets (${names.join(', ')}${others.length > 5 ? ', …' : ''}): Plumbline neither applies them to the cluster nor uses them`,
    },
  ];
}
