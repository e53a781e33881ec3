import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../engine/api/contract.ts';
import { selectedPods } from '../../../main/cli/logs/podSelection.ts';

function node(
  group: string,
  kind: string,
  name: string,
  parentIds: string[] = [],
  namespace = 'shop',
): TreeNode {
  return {
    id: `${group}/${kind}/${namespace}/${name}`,
    key: { group, kind, namespace, name },
    parentIds,
    managed: parentIds.length === 0,
    health: null,
    sync: null,
    info: [],
  };
}

const web = node('apps', 'Deployment', 'web');
const webRs = node('apps', 'ReplicaSet', 'web-5d8', [web.id]);
const webPods = [node('', 'Pod', 'web-5d8-a', [webRs.id]), node('', 'Pod', 'web-5d8-b', [webRs.id])];
const db = node('apps', 'StatefulSet', 'db');
const dbPod = node('', 'Pod', 'db-0', [db.id]);
const job = node('batch', 'Job', 'migrate');
const jobPod = node('', 'Pod', 'migrate-x', [job.id], 'jobs');
const loose = node('', 'Pod', 'debug');
// an ownership cycle must not hang the selection
const cycleA = node('example.test', 'Widget', 'a', ['example.test/Widget/shop/b']);
const cycleB = node('example.test', 'Widget', 'b', [cycleA.id]);
const tree = [web, webRs, ...webPods, db, dbPod, job, jobPod, loose, cycleA, cycleB];
const names = (nodes: TreeNode[]) => nodes.map((n) => n.key.name);

describe('selectedPods', () => {
  it('takes every pod of the application by default', () => {
    expect(names(selectedPods(tree, {}))).toEqual(['web-5d8-a', 'web-5d8-b', 'db-0', 'migrate-x', 'debug']);
  });

  it("takes an object's pods through owner references", () => {
    expect(names(selectedPods(tree, { kind: 'Deployment', name: 'web' }))).toEqual([
      'web-5d8-a',
      'web-5d8-b',
    ]);
    expect(names(selectedPods(tree, { kind: 'StatefulSet', name: 'db' }))).toEqual(['db-0']);
    expect(names(selectedPods(tree, { kind: 'Job', name: 'migrate', group: 'batch' }))).toEqual([
      'migrate-x',
    ]);
    expect(names(selectedPods(tree, { kind: 'Pod', name: 'debug' }))).toEqual(['debug']);
  });

  it('matches each given field, as Argo CD does', () => {
    expect(names(selectedPods(tree, { namespace: 'jobs' }))).toEqual(['migrate-x']);
    expect(names(selectedPods(tree, { kind: 'Job', group: 'apps' }))).toEqual([]);
    expect(names(selectedPods(tree, { kind: 'Deployment', name: 'nope' }))).toEqual([]);
    expect(names(selectedPods(tree, { kind: 'Widget' }))).toEqual([]);
  });
});
