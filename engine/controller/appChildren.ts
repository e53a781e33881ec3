// "App of apps": the argoproj.io Applications among a parent application's rendered manifests
// become child applications managed by Plumbline (never applied as plain objects), owned by
// their parent in the merged list. A child gone from the parent's manifests is deleted, its
// objects pruned first when it carries the resources finalizer (until that succeeds it stays,
// with a DeletionError). A parent that fails to render keeps its children as they were.
import { z } from 'zod';
import { hasResourcesFinalizer } from '../appset/applicationsSync.ts';
import type { KubeObject } from '../diff/index.ts';
import { applicationSchema } from '../model/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import type { ProducedApplications } from './appOrigins.ts';
import { describeFailure } from './failures.ts';
import { isDeepStrictEqual } from 'node:util';

/** An Argo CD object a parent's manifests may hold: a child, not an object for the cluster. */
export const isArgoChild = (object: KubeObject): boolean =>
  typeof object.apiVersion === 'string' &&
  object.apiVersion.startsWith('argoproj.io/') &&
  object.kind === 'Application';

interface Child {
  loaded: LoadedApplication;
  deleting: boolean;
}

export class AppChildren {
  private readonly byParent = new Map<string, Map<string, Child>>();
  /** Children whose objects are being deleted now: one deletion at a time each. */
  private readonly pruning = new Set<string>();

  constructor(
    private readonly changed: () => void,
    private readonly pruneResources: (name: string) => Promise<void>,
    private readonly live: boolean,
  ) {}

  /** The parent rendered: its Application manifests are its children now. */
  rendered(parent: string, file: string, objects: readonly KubeObject[]): void {
    const before = this.byParent.get(parent) ?? new Map<string, Child>();
    const next = new Map<string, Child>();
    for (const object of objects.filter(isArgoChild)) {
      const checked = applicationSchema.safeParse(object);
      const name = (object.metadata as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string' || name === '') continue;
      next.set(name, {
        loaded: {
          name,
          origin: { file, documentIndex: 0, line: 0 },
          definition: checked.success ? checked.data : null,
          raw: object as Record<string, unknown>,
          conditions: checked.success
            ? []
            : [{ type: 'InvalidSpecError', message: z.prettifyError(checked.error), file }],
        },
        deleting: false,
      });
    }
    const removed = [...before.values()].filter((child) => !next.has(child.loaded.name));
    for (const child of removed) {
      const app = child.loaded.definition;
      if (this.live && app && hasResourcesFinalizer(app))
        next.set(child.loaded.name, { ...child, deleting: true });
    }
    const same =
      before.size === next.size &&
      [...next].every(([name, child]) => isDeepStrictEqual(before.get(name), child));
    this.byParent.set(parent, next);
    if (!same) this.changed();
    for (const child of next.values()) if (child.deleting) void this.finishDeletion(parent, child);
  }

  /** The parent itself went away: its children go with it (Argo CD's cascade of the parent). */
  forget(parent: string): void {
    const children = this.byParent.get(parent);
    if (!children) return;
    this.rendered(parent, '', []);
    if ([...(this.byParent.get(parent)?.values() ?? [])].length === 0) this.byParent.delete(parent);
  }

  producers(): ProducedApplications[] {
    return [...this.byParent.entries()].map(([parent, children]) => ({
      origin: { kind: 'parent', name: parent },
      applications: [...children.values()].map((child) => child.loaded),
    }));
  }

  private async finishDeletion(parent: string, child: Child): Promise<void> {
    if (this.pruning.has(child.loaded.name)) return;
    this.pruning.add(child.loaded.name);
    try {
      await this.pruneResources(child.loaded.name);
      this.byParent.get(parent)?.delete(child.loaded.name);
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
