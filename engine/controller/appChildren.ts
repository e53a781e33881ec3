// "App of apps": the argoproj.io Applications among a parent application's rendered manifests
// become child applications managed by Plumbline (never applied as plain objects), owned by
// their parent in the merged list. A child gone from the parent's manifests is deleted, its
// objects pruned first when it carries the resources finalizer (until that succeeds it stays,
// with a DeletionError). A parent that fails to render keeps its children as they were.
import type { Condition } from '../api/contract.ts';
import { hasResourcesFinalizer } from '../appset/applicationsSync.ts';
import type { KubeObject } from '../diff/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import { describeOrigin, type NameClash, type ProducedApplications } from './appOrigins.ts';
import { childrenOf, MAX_CHILD_DEPTH } from './appChildrenOf.ts';
import { describeFailure } from './failures.ts';
import { isDeepStrictEqual } from 'node:util';

interface Child {
  loaded: LoadedApplication;
  deleting: boolean;
}

export class AppChildren {
  private readonly byParent = new Map<string, Map<string, Child>>();
  /** Per parent: its children's names another origin already holds (from the last merge). */
  private readonly clashes = new Map<string, Condition[]>();
  /** Children whose objects are being deleted now: one deletion at a time each. */
  private readonly pruning = new Set<string>();

  constructor(
    private readonly changed: () => void,
    private readonly pruneResources: (name: string) => Promise<void>,
    private readonly live: boolean,
  ) {}

  /** The parent rendered: its Application manifests are its children now. Returns its conditions. */
  rendered(parent: string, file: string, objects: readonly KubeObject[]): Condition[] {
    const before = this.byParent.get(parent) ?? new Map<string, Child>();
    const loadedBefore = new Map([...before].map(([name, child]) => [name, child.loaded]));
    const found = childrenOf(parent, file, objects, this.ancestorsOf(parent), loadedBefore);
    if (!found.children) return [...found.conditions, ...(this.clashes.get(parent) ?? [])];
    const next = new Map<string, Child>();
    for (const [name, loaded] of found.children) next.set(name, { loaded, deleting: false });
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
    if (!same) this.changed();
    for (const child of next.values()) if (child.deleting) void this.finishDeletion(parent, child);
    return [...found.conditions, ...(this.clashes.get(parent) ?? [])];
  }

  /** The parent itself went away: its children go with it (Argo CD's cascade of the parent). */
  forget(parent: string): void {
    if (!this.byParent.has(parent)) return;
    this.rendered(parent, '', []);
    this.clashes.delete(parent);
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

  private async finishDeletion(parent: string, child: Child): Promise<void> {
    if (this.pruning.has(child.loaded.name)) return;
    this.pruning.add(child.loaded.name);
    try {
      await this.pruneResources(child.loaded.name);
      this.byParent.get(parent)?.delete(child.loaded.name);
      if (this.byParent.get(parent)?.size === 0) this.byParent.delete(parent);
    } catch (error) {
      child.loaded = {
        ...child.loaded,
        conditions: [
          {
            type: 'DeletionError',
            message: `left the manifests of ${parent}; its resources could not be deleted: ${describeFailure(error)}`,
            file: child.loaded.origin.file,
          },
        ],
      };
    } finally {
      this.pruning.delete(child.loaded.name);
    }
    this.changed();
  }
}
