// The objects of a live cache with the lookups the engine needs in constant time: by key, by
// type and namespace, by owner uid (the resource tree) and by the application named in the
// tracking annotation (an application's managed objects).
import { isTrackedBy, objectKey, type KubeObject, type ObjectKey } from '../diff/index.ts';
import { activeTracking, candidateAppNames } from '../tracking/index.ts';
import { keyOfObject, keyString, typeKeyOf, type ResourceType } from './resourceTypes.ts';

export interface TypeQuery extends ResourceType {
  namespace?: string;
}

interface Meta {
  resourceVersion?: string;
  ownerReferences?: { uid?: string }[];
}

function metaOf(obj: KubeObject): Meta {
  return (obj.metadata ?? {}) as Meta;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

export class ObjectIndex {
  private readonly objects = new Map<string, KubeObject>();
  /** type key → namespace → object keys */
  private readonly byType = new Map<string, Map<string, Set<string>>>();
  private readonly owned = new Map<string, Set<string>>();
  private readonly tracked = new Map<string, Set<string>>();

  get size(): number {
    return this.objects.size;
  }

  get(key: ObjectKey | string): KubeObject | undefined {
    return this.objects.get(typeof key === 'string' ? key : keyString(key));
  }

  /** Adds or replaces; returns the key when something changed (new, or a new resourceVersion). */
  upsert(obj: KubeObject): string | undefined {
    const key = keyOfObject(obj);
    const previous = this.objects.get(key);
    const rv = metaOf(obj).resourceVersion;
    if (previous && rv !== undefined && metaOf(previous).resourceVersion === rv) return undefined;
    if (previous) this.unindex(key, previous);
    this.objects.set(key, obj);
    this.index(key, obj);
    return key;
  }

  /** Removes; returns the key when the object was there. */
  remove(key: string): string | undefined {
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.unindex(key, previous);
    this.objects.delete(key);
    return key;
  }

  list(query: TypeQuery): KubeObject[] {
    return this.keysOf(query).map((key) => this.objects.get(key) as KubeObject);
  }

  /** Keys of a type, in one namespace or all (a cluster-scoped type's are under ''). */
  keysOf(query: TypeQuery): string[] {
    const namespaces = this.byType.get(typeKeyOf(query));
    if (!namespaces) return [];
    if (query.namespace !== undefined) return [...(namespaces.get(query.namespace) ?? [])];
    return [...namespaces.values()].flatMap((keys) => [...keys]);
  }

  /** Objects with an ownerReference to this uid. */
  byOwner(uid: string): KubeObject[] {
    return [...(this.owned.get(uid) ?? [])].map((key) => this.objects.get(key) as KubeObject);
  }

  /** Objects whose tracking annotation names this application and the object itself. */
  objectsTrackedBy(appName: string): KubeObject[] {
    const keys = this.tracked.get(appName) ?? [];
    return [...keys]
      .map((key) => this.objects.get(key) as KubeObject)
      .filter((obj) => isTrackedBy(obj, appName));
  }

  private index(key: string, obj: KubeObject): void {
    const id = objectKey(obj);
    let namespaces = this.byType.get(typeKeyOf(id));
    if (!namespaces) this.byType.set(typeKeyOf(id), (namespaces = new Map()));
    addTo(namespaces, id.namespace, key);
    for (const ref of metaOf(obj).ownerReferences ?? []) if (ref.uid) addTo(this.owned, ref.uid, key);
    // every name any tracking method reads: a change of method needs no new index
    for (const appName of candidateAppNames(obj, activeTracking().labelKey))
      addTo(this.tracked, appName, key);
  }

  private unindex(key: string, obj: KubeObject): void {
    const id = objectKey(obj);
    const namespaces = this.byType.get(typeKeyOf(id));
    if (namespaces) removeFrom(namespaces, id.namespace, key);
    if (namespaces?.size === 0) this.byType.delete(typeKeyOf(id));
    for (const ref of metaOf(obj).ownerReferences ?? []) if (ref.uid) removeFrom(this.owned, ref.uid, key);
    for (const appName of candidateAppNames(obj, activeTracking().labelKey))
      removeFrom(this.tracked, appName, key);
  }
}
