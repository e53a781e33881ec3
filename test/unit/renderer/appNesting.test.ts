// The list's app-of-apps order: children right after their parent, indented by depth; a child
// whose parent is filtered out stays at the top level; a stale loop of parents still shows all.
import { describe, expect, it } from 'vitest';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { nestedUnderParents } from '../../../renderer/src/views/apps/appNesting.ts';

// only the fields the order reads
const app = (name: string, parent?: string) => ({ name, ...(parent ? { parent } : {}) }) as AppSummary;
const order = (apps: AppSummary[]) =>
  nestedUnderParents(apps).map(({ app, depth }) => `${depth}:${app.name}`);

describe('nestedUnderParents', () => {
  it('puts children (and theirs) right under their parent, keeping the list order otherwise', () => {
    expect(
      order([app('a'), app('leaf', 'mid'), app('root'), app('mid', 'root'), app('other', 'root'), app('z')]),
    ).toEqual(['0:a', '0:root', '1:mid', '2:leaf', '1:other', '0:z']);
  });

  it('a child whose parent the filter hid stays at the top level', () => {
    expect(order([app('child', 'root'), app('z')])).toEqual(['0:child', '0:z']);
  });

  it('a loop of parents (stale data) still shows every application once', () => {
    expect(order([app('x', 'y'), app('y', 'x'), app('self', 'self')]).sort()).toEqual([
      '0:self',
      '0:x',
      '1:y',
    ]);
  });
});
