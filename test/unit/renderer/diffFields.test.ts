import { describe, expect, it } from 'vitest';
import type { ResourceDiff } from '../../../engine/api/contract.ts';
import { foldRows } from '../../../renderer/src/views/apps/live/diffFolding.ts';
import {
  effectiveScope,
  resourcesToShow,
  shownRows,
} from '../../../renderer/src/views/apps/live/diffList.ts';
import { diffRows } from '../../../renderer/src/views/apps/live/diffRows.ts';
import { linesOfPointers } from '../../../renderer/src/views/apps/live/yamlPointers.ts';

const liveYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      containers:
        - image: web:1
          name: web
          ports:
            - containerPort: 80
        - image: sidecar:1
          name: proxy
status:
  readyReplicas: 3
`;
const desiredYaml = liveYaml
  .replace('replicas: 3', 'replicas: 5')
  .replace('sidecar:1', 'sidecar:2')
  .replace('status:\n  readyReplicas: 3\n', '');

function resource(overrides: Partial<ResourceDiff> = {}): ResourceDiff {
  return {
    id: 'apps/Deployment/shop/web',
    key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
    status: 'OutOfSync',
    reason: 'changed',
    requiresPruning: false,
    hook: false,
    changedPaths: ['/spec/replicas', '/spec/template/spec/containers/1/image'],
    desiredYaml,
    liveYaml,
    ...overrides,
  };
}

describe('changed fields', () => {
  it('finds the lines of each changed field with its ancestors and the name of its list item', () => {
    expect(
      [...linesOfPointers(liveYaml, ['/spec/template/spec/containers/1/image'])].sort((a, b) => a - b),
    ).toEqual([6, 8, 9, 10, 15, 16]);
    expect([...linesOfPointers(liveYaml, ['/metadata'])].sort((a, b) => a - b)).toEqual([3, 4, 5]);
    expect(linesOfPointers(liveYaml, ['/spec/nothing', '/spec/template/spec/containers/7'])).toEqual(
      new Set(),
    );
    expect(linesOfPointers('a/b: 1\nc~d: 2\n', ['/a~1b', '/c~0d'])).toEqual(new Set([1, 2]));
  });

  it('shows only the changed fields, announcing the rest (status included) as a gap', () => {
    const diff = resource();
    const rows = diffRows(diff.liveYaml, diff.desiredYaml);
    const blocks = foldRows(rows, shownRows(diff, rows, 'changed'), new Set());
    const shown = blocks.flatMap((block) =>
      block.type === 'rows' ? block.rows.map((row) => row.text.trim()) : [],
    );
    expect(shown).toEqual([
      'spec:',
      'replicas: 3',
      'replicas: 5',
      'template:',
      'spec:',
      'containers:',
      '- image: sidecar:1',
      '- image: sidecar:2',
      'name: proxy',
    ]);
    const last = blocks[blocks.length - 1]!;
    expect(last).toMatchObject({ type: 'gap', changed: 2 }); // status: readyReplicas, removed in desired
  });

  it('shows missing and extraneous objects whole, and lists what is not Synced first', () => {
    expect(effectiveScope(resource({ reason: 'missing', liveYaml: '' }), 'changed')).toBe('whole');
    expect(effectiveScope(resource({ changedPaths: [] }), 'changed')).toBe('whole');
    const synced = resource({
      id: 'a',
      status: 'Synced',
      reason: null,
      key: { ...resource().key, kind: 'ConfigMap' },
    });
    const pruned = resource({
      id: 'b',
      reason: 'extraneous',
      requiresPruning: true,
      key: { ...resource().key, kind: 'Service' },
    });
    const changed = resource();
    expect(resourcesToShow([synced, pruned, changed], false).map((r) => r.id)).toEqual([changed.id, 'b']);
    expect(resourcesToShow([synced, pruned, changed], true).map((r) => r.id)).toEqual([changed.id, 'b', 'a']);
  });
});
