// "App of apps": the argoproj.io Applications among a parent application's rendered manifests
// become child applications managed by Plumbline (never applied as plain objects), owned by
// their parent in the merged list; its AppProjects and ApplicationSets join the workspace's
// (a workspace file of the same name wins). A child gone from the parent's manifests is deleted,
// its objects pruned first when it carries the resources finalizer (until that succeeds it stays,
// with a DeletionError); a set gone goes as its policy says. A parent that fails to render keeps
// what it defined as it was.
import type { Condition } from '../api/contract.ts';
import { hasResourcesFinalizer } from '../appset/applicationsSync.ts';
import type { KubeObject } from '../diff/index.ts';
import type { AppProject } from '../model/index.ts';
import type { LoadedApplication, LoadedApplicationSet, LoadedDefinition } from '../workspace/index.ts';
import { describeOrigin, type NameClash, type ProducedApplications } from './appOrigins.ts';
import { childrenOf, MAX_CHILD_DEPTH } from './appChildrenOf.ts';
import { retryDeletion } from './deletionRetry.ts';
import { describeFailure } from './failures.ts';
import { isDeepStrictEqual } from 'node:util';

interface Child {
  loaded: LoadedApplication;
  deleting: boolean;
}

/** An ApplicationSet and the parent whose manifests define it. */
export type ParentSet = LoadedApplicationSet & { parent: string };

export interface ChildHooks {
  /** The child applications changed. */
  changed(): void;
  pruneResources(name: string): Promise<void>;
  /** The AppProjects of these names changed (came, went or were edited) in a parent. */
  projectsChanged(names: string[]): void;
  /** A parent's ApplicationSets changed. */
  setsChanged(): void;
}

export class AppChildren {
  private readonly byParent = new Map<string, Map<string, Child>>();
  private readonly projectsBy = new Map<string, Map<string, LoadedDefinition<AppProject>>>();
  private readonly setsBy = new Map<string, Map<string, LoadedApplicationSet>>();
  /** Per parent: its children's names another origin already holds (from the last merge). */
  private readonly clashes = new Map<string, Condition[]>();
  /** Children whose objects are being deleted now: one deletion at a time each. */
  private readonly pruning = new Set<string>();

  constructor(
    private readonly hooks: ChildHooks,
    private readonly live: boolean,
  ) {}

  /** The parent rendered: its Argo CD manifests are what it defines now. Returns its conditions. */
  rendered(parent: string, file: string, objects: readonly KubeObject[]): Condition[] {
    const before = this.byParent.get(parent) ?? new Map<string, Child>();
    const found = childrenOf(parent, file, objects, this.ancestorsOf(parent), {
      applications: new Map([...before].map(([name, child]) => [name, child.loaded])),
      projects: this.projectsBy.get(parent) ?? new Map(),
      sets: this.setsBy.get(parent) ?? new Map(),
    });
    if (!found.children) return [...found.conditions, ...(this.clashes.get(parent) ?? [])];
    this.definitionsRendered(parent, found.children.projects, found.children.sets);
    const next = new Map<string, Child>();
    for (const [name, loaded] of found.children.applications) next.set(name, { loaded, deleting: false });
    for (const child of before.values()) {
      if (next.has(child.loaded.name)) continue;
      const app = child.loaded.definition;
      if (this.live && app && hasResourcesFinalizer(app))
        next.set(child.loaded.name, { ...child, deleting: true });
    }
    const same =
      before.size === next.size &&
      [...next].every(([name, child]) => isDeepStrictEqual(before.get(name), child));
    if (next.size === 0) {
      this.byParent.delete(parent);
      this.clashes.delete(parent);
    } else this.byParent.set(parent, next);
    if (!same) this.hooks.changed();
    for (const child of next.values()) if (child.deleting) void this.finishDeletion(parent, child);
    return [...found.conditions, ...(this.clashes.get(parent) ?? [])];
  }

  /** The parent itself went away: its children go with it (Argo CD's cascade of the parent). */
  forget(parent: string): void {
    if (!this.byParent.has(parent) && !this.projectsBy.has(parent) && !this.setsBy.has(parent)) return;
    this.rendered(parent, '', []);
    this.clashes.delete(parent);
  }

  /** Every parent's AppProjects, the first parent (by name) defining a name winning. */
  projects(): LoadedDefinition<AppProject>[] {
    return this.firstByName(this.projectsBy);
  }

  /** Every parent's ApplicationSets, the first parent (by name) defining a name winning. */
  sets(): ParentSet[] {
    const out: ParentSet[] = [];
    const seen = new Set<string>();
    for (const parent of [...this.setsBy.keys()].sort())
      for (const set of this.setsBy.get(parent)!.values())
        if (!seen.has(set.name)) {
          seen.add(set.name);
          out.push({ ...set, parent });
        }
    return out;
  }

  private firstByName<T extends { name: string }>(by: Map<string, Map<string, T>>): T[] {
    const out = new Map<string, T>();
    for (const parent of [...by.keys()].sort())
      for (const [name, value] of by.get(parent)!) if (!out.has(name)) out.set(name, value);
    return [...out.values()];
  }

  private definitionsRendered(
    parent: string,
    projects: Map<string, LoadedDefinition<AppProject>>,
    sets: Map<string, LoadedApplicationSet>,
  ): void {
    const projectsBefore = this.projectsBy.get(parent) ?? new Map();
    const setsBefore = this.setsBy.get(parent) ?? new Map();
    const replace = <T>(by: Map<string, Map<string, T>>, next: Map<string, T>) => {
      if (next.size === 0) by.delete(parent);
      else by.set(parent, next);
    };
    replace(this.projectsBy, projects);
    replace(this.setsBy, sets);
    const changedProjects = [...new Set([...projectsBefore.keys(), ...projects.keys()])].filter(
      (name) => !isDeepStrictEqual(projectsBefore.get(name)?.raw, projects.get(name)?.raw),
    );
    if (changedProjects.length > 0) this.hooks.projectsChanged(changedProjects);
    const setsSame =
      setsBefore.size === sets.size &&
      [...sets].every(([name, set]) => isDeepStrictEqual(setsBefore.get(name)?.raw, set.raw));
    if (!setsSame) this.hooks.setsChanged();
  }

  /** The parent that defines `name`, if a parent does. */
  parentOf(name: string): string | undefined {
    for (const [parent, children] of this.byParent) if (children.has(name)) return parent;
    return undefined;
  }

  producers(): ProducedApplications[] {
    return [...this.byParent.entries()].map(([parent, children]) => ({
      origin: { kind: 'parent', name: parent },
      applications: [...children.values()].map((child) => child.loaded),
      clashesFound: this.onClashes,
    }));
  }

  /** One function for every parent's producer, so the merge tells it once. */
  private readonly onClashes = (clashes: readonly NameClash[]) => this.clashesFound(clashes);

  /** The merge refused these names: each is a condition on the parent that claimed it. */
  clashesFound(clashes: readonly NameClash[]): void {
    this.clashes.clear();
    for (const clash of clashes) {
      if (clash.refused.kind !== 'parent') continue;
      const list = this.clashes.get(clash.refused.name) ?? [];
      list.push({
        type: 'ApplicationNameClash',
        message: `the child application ${clash.name} is not created: ${describeOrigin(clash.heldBy)} already defines an application of that name`,
      });
      this.clashes.set(clash.refused.name, list);
    }
  }

  /** The parent's own parents, nearest first; bounded, so a cycle cannot loop here. */
  private ancestorsOf(name: string): string[] {
    const chain: string[] = [];
    for (let up = this.parentOf(name); up && chain.length <= MAX_CHILD_DEPTH; up = this.parentOf(up)) {
      if (chain.includes(up)) break;
      chain.push(up);
    }
    return chain;
  }

  private async finishDeletion(parent: string, child: Child, attempt = 0): Promise<void> {
    if (this.pruning.has(child.loaded.name)) return;
    this.pruning.add(child.loaded.name);
    try {
      await this.hooks.pruneResources(child.loaded.name);
      this.byParent.get(parent)?.delete(child.loaded.name);
      if (this.byParent.get(parent)?.size === 0) this.byParent.delete(parent);
    } catch (error) {
      // The parent may have rendered again meanwhile: its map then holds a copy of this child.
      const name = child.loaded.name;
      const current = this.byParent.get(parent)?.get(name);
      if (current?.deleting)
        current.loaded = {
          ...current.loaded,
          conditions: [
            {
              type: 'DeletionError',
              message: `left the manifests of ${parent}; its resources could not be deleted: ${describeFailure(error)}`,
              file: current.loaded.origin.file,
            },
          ],
        };
      // tried again on its own, not only at the parent's next render
      retryDeletion(attempt, () => {
        const now = this.byParent.get(parent)?.get(name);
        if (now?.deleting) void this.finishDeletion(parent, now, attempt + 1);
      });
    } finally {
      this.pruning.delete(child.loaded.name);
    }
    this.hooks.changed();
  }
}
