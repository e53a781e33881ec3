// The objects one live cache holds and how watch results change them: a list replaces every
// object of its type in its scope (so deletions missed while disconnected disappear), a watch
// event upserts or removes one object, and every actual change is reported once, batched.
import type { KubeObject } from '../diff/index.ts';
import { ChangeBatcher } from './changeBatcher.ts';
import { ObjectIndex } from './objectIndex.ts';
import { keyOfObject, type ResourceType } from './resourceTypes.ts';
import type { WatchEventType } from './resourceWatcher.ts';

export class LiveStore {
  readonly index = new ObjectIndex();
  private readonly batcher: ChangeBatcher;

  constructor(onChange: (keys: ReadonlySet<string>) => void, batchMs: number) {
    this.batcher = new ChangeBatcher(onChange, batchMs);
  }

  /** The complete list of a type in one namespace, or everywhere when namespace is undefined. */
  replace(type: ResourceType, namespace: string | undefined, objects: readonly KubeObject[]): void {
    const stale = new Set(this.index.keysOf({ ...type, namespace }));
    for (const obj of objects) {
      stale.delete(keyOfObject(obj));
      this.report(this.index.upsert(obj));
    }
    for (const key of stale) this.report(this.index.remove(key));
  }

  apply(type: WatchEventType, obj: KubeObject): void {
    this.report(type === 'DELETED' ? this.index.remove(keyOfObject(obj)) : this.index.upsert(obj));
  }

  close(): void {
    this.batcher.close();
  }

  private report(key: string | undefined): void {
    if (key !== undefined) this.batcher.add(key);
  }
}
