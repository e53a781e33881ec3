// The resource tree of an application, as Argo CD draws it: the objects the application manages
// (their tracking annotation names it) and everything below them by ownerReferences, plus the
// children Argo CD infers (Service → Endpoints/EndpointSlices, StatefulSet → PVCs). Objects
// another application manages are left out. Linear in the size of the tree.
import { isTrackedBy, objectKey, trackingIdOf, type KubeObject, type ObjectKey } from '../diff/index.ts';
import { InferredChildren, type InferenceSource } from './inferredChildren.ts';
import { keyString } from './resourceTypes.ts';

export interface TreeNode {
  key: ObjectKey;
  uid: string;
  /** Its owners and inferred parents within the tree; empty for a top-level managed object. */
  parentKeys: ObjectKey[];
  object: KubeObject;
}

/** What the tree is built from: a live cache, or an ObjectIndex of plain objects. */
export interface TreeSource extends InferenceSource {
  objectsTrackedBy(appName: string): KubeObject[];
  byOwner(uid: string): KubeObject[];
}

function uidOf(obj: KubeObject): string {
  return (obj.metadata as { uid?: string } | undefined)?.uid ?? '';
}

/** Managed by another application: its tracking id names that app and this very object. */
function managedByAnother(obj: KubeObject, appName: string): boolean {
  const owner = trackingIdOf(obj)?.appName;
  return owner !== undefined && owner !== appName && isTrackedBy(obj, owner);
}

export function resourceTree(source: TreeSource, appName: string): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const parentSets = new Map<string, Set<string>>();
  const queue: TreeNode[] = [];
  const inferred = new InferredChildren(source);

  const visit = (obj: KubeObject, parent: TreeNode | undefined): void => {
    const key = objectKey(obj);
    const id = keyString(key);
    let node = nodes.get(id);
    if (!node) {
      node = { key, uid: uidOf(obj), parentKeys: [], object: obj };
      nodes.set(id, node);
      parentSets.set(id, new Set());
      queue.push(node);
    }
    if (!parent) return;
    const parentId = keyString(parent.key);
    const parents = parentSets.get(id) as Set<string>;
    if (parentId === id || parents.has(parentId)) return;
    parents.add(parentId);
    node.parentKeys.push(parent.key);
  };

  for (const obj of source.objectsTrackedBy(appName)) visit(obj, undefined);
  for (let i = 0; i < queue.length; i++) {
    const parent = queue[i] as TreeNode;
    const children = parent.uid === '' ? [] : source.byOwner(parent.uid);
    for (const child of [...children, ...inferred.of(parent.object)]) {
      if (!managedByAnother(child, appName)) visit(child, parent);
    }
  }
  return queue;
}
