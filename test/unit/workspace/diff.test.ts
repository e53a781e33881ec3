import { describe, expect, it } from 'vitest';
import { diffWorkspaces } from '../../../engine/workspace/diff.ts';
import type { LoadedApplication, Workspace } from '../../../engine/workspace/types.ts';

function app(name: string, namespace = name, file = `${name}.yaml`): LoadedApplication {
  const raw = { kind: 'Application', metadata: { name }, spec: { destination: { namespace } } };
  return { name, origin: { file, documentIndex: 0, line: 1 }, definition: null, raw, conditions: [] };
}

function workspace(applications: LoadedApplication[], problems: Workspace['problems'] = []): Workspace {
  return { dir: '/ws', applications, projects: [], applicationSets: [], problems };
}

describe('diffWorkspaces', () => {
  it('names the applications added, changed and removed', () => {
    const before = workspace([app('a'), app('b'), app('c')]);
    const after = workspace([app('a'), app('b', 'elsewhere'), app('d')]);
    expect(diffWorkspaces(before, after)?.applications).toEqual({
      added: ['d'],
      changed: ['b'],
      removed: ['c'],
    });
  });

  it('counts a move to another file and a new condition as changes', () => {
    const moved = app('a', 'a', 'apps/a.yaml');
    const flagged = {
      ...app('b'),
      conditions: [{ type: 'InvalidSpecError' as const, message: 'x', file: 'b.yaml' }],
    };
    const change = diffWorkspaces(workspace([app('a'), app('b')]), workspace([moved, flagged]));
    expect(change?.applications.changed).toEqual(['a', 'b']);
  });

  it('reports problems changing, and nothing at all when nothing changed', () => {
    const problem = { type: 'ParseError' as const, message: 'bad', file: 'x.yaml', line: 1 };
    expect(diffWorkspaces(workspace([app('a')]), workspace([app('a')], [problem]))?.problemsChanged).toBe(
      true,
    );
    expect(diffWorkspaces(workspace([app('a')]), workspace([app('a')]))).toBeNull();
  });
});
