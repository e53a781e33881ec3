// The merge of applications from several origins: a workspace file wins over every producer, a
// name stays with the producer that held it, otherwise the first producer; every refused claim is
// a clash naming who holds the name; changes between merges are by name, owner included.
import { describe, expect, it } from 'vitest';
import {
  mergeApplications,
  mergedChanges,
  ownersOf,
  sameApplication,
  type AppOrigin,
} from '../../../engine/controller/appOrigins.ts';
import type { LoadedApplication } from '../../../engine/workspace/index.ts';

function loaded(name: string, path = name): LoadedApplication {
  return {
    name,
    origin: { file: `${name}.yaml`, documentIndex: 0, line: 1 },
    definition: null,
    raw: { metadata: { name }, spec: { path } },
    conditions: [],
  };
}

const set = (name: string): AppOrigin => ({ kind: 'applicationSet', name });
const parent = (name: string): AppOrigin => ({ kind: 'parent', name });

describe('mergeApplications', () => {
  it('keeps every application of distinct names, each with its owner', () => {
    const { applications, clashes } = mergeApplications(
      [loaded('web')],
      [
        { origin: set('shop'), applications: [loaded('cart')] },
        { origin: parent('root'), applications: [loaded('child')] },
      ],
    );
    expect(applications.map((app) => [app.name, app.owner])).toEqual([
      ['web', { kind: 'workspace' }],
      ['cart', set('shop')],
      ['child', parent('root')],
    ]);
    expect(clashes).toEqual([]);
  });

  it('a workspace file wins over a set generating the same name; the set is told', () => {
    const { applications, clashes } = mergeApplications(
      [loaded('web')],
      [{ origin: set('shop'), applications: [loaded('web', 'other')] }],
    );
    expect(applications).toHaveLength(1);
    expect(applications[0]!.raw).toEqual({ metadata: { name: 'web' }, spec: { path: 'web' } });
    expect(clashes).toEqual([{ name: 'web', refused: set('shop'), heldBy: { kind: 'workspace' } }]);
  });

  it('two sets generating one name: the first in order wins, unless the other held it before', () => {
    const producers = [
      { origin: set('a'), applications: [loaded('x', 'from-a')] },
      { origin: set('b'), applications: [loaded('x', 'from-b')] },
    ];
    const first = mergeApplications([], producers);
    expect(first.applications[0]!.owner).toEqual(set('a'));
    expect(first.clashes).toEqual([{ name: 'x', refused: set('b'), heldBy: set('a') }]);
    const held = mergeApplications([], producers, new Map([['x', 'applicationSet:b']]));
    expect(held.applications[0]!.owner).toEqual(set('b'));
    expect(held.clashes).toEqual([{ name: 'x', refused: set('a'), heldBy: set('b') }]);
  });

  it('reports added, changed (definition or owner) and removed names between two merges', () => {
    const before = mergeApplications(
      [loaded('web')],
      [{ origin: set('a'), applications: [loaded('x'), loaded('y')] }],
    ).applications;
    const after = mergeApplications(
      [loaded('web'), loaded('x')],
      [{ origin: set('a'), applications: [loaded('y', 'y2'), loaded('z')] }],
      ownersOf(before),
    ).applications;
    expect(mergedChanges(before, after, sameApplication)).toEqual({
      added: ['z'],
      changed: ['x', 'y'],
      removed: [],
    });
    expect(mergedChanges(after, [], sameApplication).removed.sort()).toEqual(['web', 'x', 'y', 'z']);
  });
});
