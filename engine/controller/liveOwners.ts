// Which applications a changed live object concerns, so that a watch event re-compares only
// those applications and not every application of the cluster. An application owns what its
// last comparison looked at (its desired objects, the live objects tracked for it, their tree of
// children); a new object is owned through its tracking annotation or, for a child a controller
// made (a ReplicaSet, a Pod), through its ownerReferences up to an object an application owns.
import { keyString } from '../cluster/index.ts';
import { trackingIdOf, type KubeObject, type ObjectKey } from '../diff/index.ts';

/** How many ownerReferences are followed up (Pod → ReplicaSet → Deployment → a custom resource…). */
const MAX_OWNER_DEPTH = 5;

interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

export class LiveOwners {
  /** `<context>\n<object key>` → applications */
  private readonly owners = new Map<string, Set<string>>();
  /** application → the keys it owns now (to replace them on its next comparison) */
  private readonly owned = new Map<string, string[]>();

  /** What an application's comparison looked at in a cluster; replaces what it owned before. */
  record(app: string, context: string, keys: Iterable<string>): void {
    this.forget(app);
    const entries = [...new Set([...keys].map((key) => `${context}\n${key}`))];
    for (const entry of entries) {
      let apps = this.owners.get(entry);
      if (!apps) this.owners.set(entry, (apps = new Set()));
      apps.add(app);
    }
    this.owned.set(app, entries);
  }

  forget(app: string): void {
    for (const entry of this.owned.get(app) ?? []) {
      const apps = this.owners.get(entry);
      if (apps?.delete(app) && apps.size === 0) this.owners.delete(entry);
    }
    this.owned.delete(app);
  }

  /** The applications these changed objects of a cluster concern; `live` looks an object up in its cache. */
  concerned(
    context: string,
    changedKeys: Iterable<string>,
    live: (key: string) => KubeObject | undefined,
  ): Set<string> {
    const found = new Set<string>();
    for (const key of changedKeys) {
      let current: string | undefined = key;
      for (let depth = 0; current && depth <= MAX_OWNER_DEPTH; depth++) {
        const known = this.owners.get(`${context}\n${current}`);
        const obj = live(current);
        const tracked = obj ? trackingIdOf(obj)?.appName : undefined;
        for (const app of known ?? []) found.add(app);
        if (tracked) found.add(tracked);
        if (known || tracked || !obj) break;
        current = ownerKeyOf(obj);
      }
    }
    return found;
  }
}

/** The key of the controller (or first owner) of a namespaced object, in the object's namespace. */
function ownerKeyOf(obj: KubeObject): string | undefined {
  const metadata = (obj.metadata ?? {}) as {
    namespace?: string;
    ownerReferences?: Array<OwnerReference & { controller?: boolean }>;
  };
  const refs = metadata.ownerReferences ?? [];
  const ref = refs.find((candidate) => candidate.controller) ?? refs[0];
  if (!ref?.kind || !ref.name) return undefined;
  const slash = (ref.apiVersion ?? '').indexOf('/');
  const group = slash === -1 ? '' : (ref.apiVersion ?? '').slice(0, slash);
  const key: ObjectKey = { group, kind: ref.kind, namespace: metadata.namespace ?? '', name: ref.name };
  return keyString(key);
}
