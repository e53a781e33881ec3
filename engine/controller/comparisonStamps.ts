// Whether an application's comparison would come out as its last one, told cheaply: the same
// definition, revisions and desired objects (their JSON, hashed), the same health customizations,
// and every live object the last comparison saw, every object the application tracks now and
// every object git names, at the same resourceVersion. The periodic reconciliation of an idle
// fleet then costs a hash per application instead of a comparison (issue 19's idle CPU).
import { createHash } from 'node:crypto';
import { keyOfObject, type LiveCache } from '../cluster/index.ts';
import type { KubeObject } from '../diff/index.ts';
import type { AppComparison } from './compareApp.ts';
import type { ComparisonTarget } from './liveComparisons.ts';

const versionOf = (obj: KubeObject | undefined) =>
  (obj?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? '-';

export class ComparisonStamps {
  private readonly stamps = new Map<string, string>();
  /** Bumped by every forget: a comparison that began before one does not record its stamp. */
  private readonly epochs = new Map<string, number>();
  /** Each set of health customizations (replaced whenever the settings change) gets a number. */
  private readonly customizationIds = new WeakMap<object, number>();
  private nextCustomizationId = 1;

  /** The stamp of comparing `target` now, against the ids the last comparison saw. */
  stampOf(
    target: ComparisonTarget,
    cache: Pick<LiveCache, 'get' | 'objectsTrackedBy'>,
    customizations: object | undefined,
    last: AppComparison | undefined,
  ): string {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([target.app, target.revisions, target.desired]));
    hash.update(`\0customizations ${this.customizationId(customizations)}`);
    const ids = new Set<string>([
      ...(last?.resources ?? []).map((resource) => resource.id),
      ...(last?.nodes ?? []).map((node) => node.id),
      ...target.desired.map((obj) => keyOfObject(obj)),
      ...cache.objectsTrackedBy(target.app.metadata.name).map((obj) => keyOfObject(obj)),
    ]);
    for (const id of [...ids].sort()) hash.update(`\0${id}=${versionOf(cache.get(id))}`);
    return hash.digest('base64');
  }

  /** Whether the last comparison recorded was made from this stamp. */
  unchanged(name: string, stamp: string): boolean {
    return this.stamps.get(name) === stamp;
  }

  /** A comparison begins: what `record` needs to know nothing was forgotten meanwhile. */
  begin(name: string): number {
    return this.epochs.get(name) ?? 0;
  }

  record(name: string, stamp: string, begun: number): void {
    if (this.begin(name) === begun) this.stamps.set(name, stamp);
  }

  forget(name: string): void {
    this.stamps.delete(name);
    this.epochs.set(name, this.begin(name) + 1);
  }

  /** The application is gone: nothing of it is kept. */
  drop(name: string): void {
    this.stamps.delete(name);
    this.epochs.delete(name);
  }

  private customizationId(customizations: object | undefined): number {
    if (!customizations) return 0;
    let id = this.customizationIds.get(customizations);
    if (id === undefined) this.customizationIds.set(customizations, (id = this.nextCustomizationId++));
    return id;
  }
}
