// App of apps: which children a parent's rendered manifests define, and what is a condition on
// the parent instead (invalid Applications, hostile names, cycles, depth, other Argo CD kinds),
// then the children kept across renders (added, removed, pruned with the resources finalizer).
import { describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../../engine/diff/index.ts';
import { AppChildren } from '../../../engine/controller/appChildren.ts';
import {
  childrenOf,
  MAX_CHILD_DEPTH,
  MAX_CHILDREN,
  noDefinitions,
} from '../../../engine/controller/appChildrenOf.ts';
import { mergeApplications } from '../../../engine/controller/appOrigins.ts';

const app = (name: unknown, extra: Record<string, unknown> = {}, spec?: unknown): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, ...extra },
  spec: spec ?? {
    project: 'default',
    source: { repoURL: 'https://example.test/config.git', path: String(name), targetRevision: 'main' },
    destination: { name: 'dev', namespace: 'apps' },
  },
});
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own' } };

describe('childrenOf', () => {
  it('takes the Applications, whatever their namespace, and leaves every other object', () => {
    const found = childrenOf(
      'root',
      'root.yaml',
      [app('a', { namespace: 'argocd' }), app('b', { namespace: 'team-b' }), configMap],
      [],
      noDefinitions(),
    );
    expect([...found.children!.applications.keys()]).toEqual(['a', 'b']);
    expect(found.children!.applications.get('a')!.definition!.spec.destination.namespace).toBe('apps');
    expect(found.conditions).toEqual([]);
  });

  it('no Application at all: no children, no condition', () => {
    expect(childrenOf('root', 'f', [configMap], [], noDefinitions())).toEqual({
      children: noDefinitions(),
      conditions: [],
    });
  });

  it('an invalid Application is a condition on the parent; its previous version stays', () => {
    const first = childrenOf('root', 'f', [app('a')], [], noDefinitions());
    const broken = childrenOf(
      'root',
      'f',
      [app('a', {}, { destination: 42 }), app('new-bad', {}, 'x')],
      [],
      first.children!,
    );
    expect(broken.children!.applications.get('a')).toBe(first.children!.applications.get('a'));
    expect(broken.children!.applications.has('new-bad')).toBe(false);
    expect(broken.conditions.map((c) => c.type)).toEqual(['InvalidSpecError', 'InvalidSpecError']);
    expect(broken.conditions[0]!.message).toMatch(
      /"a" in the manifests of root is invalid \(its previous version stays\)/,
    );
    expect(broken.conditions[1]!.message).toMatch(/"new-bad" .* is invalid:/);
  });

  it.each([
    ['../../etc/passwd'],
    ['UPPER'],
    ['a'.repeat(300)],
    ['name\nwith-newline'],
    [''],
    [42],
    [undefined],
  ])('a hostile name %j is never a child, and the message stays short', (name) => {
    const found = childrenOf('root', 'f', [app(name)], [], noDefinitions());
    expect(found.children!.applications.size).toBe(0);
    expect(found.conditions).toHaveLength(1);
    expect(found.conditions[0]!.type).toBe('InvalidSpecError');
    expect(found.conditions[0]!.message.length).toBeLessThan(2600);
  });

  it('the same name twice (in two namespaces): the first, and a warning', () => {
    const found = childrenOf(
      'root',
      'f',
      [app('a', { namespace: 'x' }), app('a', { namespace: 'y' })],
      [],
      noDefinitions(),
    );
    expect(found.children!.applications.get('a')!.raw.metadata).toMatchObject({ namespace: 'x' });
    expect(found.conditions.map((c) => c.type)).toEqual(['RepeatedResourceWarning']);
  });

  it('a child named like the parent or an ancestor is a cycle, not created', () => {
    const self = childrenOf('root', 'f', [app('root')], [], noDefinitions());
    expect(self.children!.applications.size).toBe(0);
    expect(self.conditions[0]!.message).toMatch(/is a cycle \(root → root\)/);
    const loop = childrenOf('b', 'f', [app('root'), app('c')], ['a', 'root'], noDefinitions());
    expect([...loop.children!.applications.keys()]).toEqual(['c']);
    expect(loop.conditions[0]!.message).toMatch(/cycle \(root → a → b → root\)/);
  });

  it(`a parent ${MAX_CHILD_DEPTH} levels down makes no children`, () => {
    const ancestors = Array.from({ length: MAX_CHILD_DEPTH }, (_, i) => `level-${i}`);
    const found = childrenOf('deep', 'f', [app('deeper')], ancestors, noDefinitions());
    expect(found.children!.applications.size).toBe(0);
    expect(found.conditions[0]!.message).toMatch(/levels down .* at most/);
    const oneLess = childrenOf('deep', 'f', [app('deeper')], ancestors.slice(1), noDefinitions());
    expect(oneLess.children!.applications.size).toBe(1);
  });

  it('more Applications than the limit change nothing: a condition', () => {
    const many = Array.from({ length: MAX_CHILDREN + 1 }, (_, i) => app(`app-${i}`));
    const found = childrenOf('root', 'f', many, [], noDefinitions());
    expect(found.children).toBeNull();
    expect(found.conditions[0]!.message).toMatch(new RegExp(`hold ${MAX_CHILDREN + 1} Argo CD objects`));
  });

  it('takes AppProjects and ApplicationSets beside the Applications; other Argo CD kinds are named in a condition', () => {
    const found = childrenOf(
      'root',
      'f',
      [
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'team' }, spec: {} },
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationSet',
          metadata: { name: 'envs' },
          spec: { generators: [], template: { metadata: {}, spec: {} } },
        },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'bad' }, spec: 'x' },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: '../x' }, spec: {} },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'ConfigManagementPlugin', metadata: { name: 'cmp' } },
      ],
      [],
      noDefinitions(),
    );
    expect([...found.children!.projects.keys()]).toEqual(['team']);
    expect([...found.children!.sets.keys()]).toEqual(['envs']);
    expect(found.children!.applications.size).toBe(0);
    expect(found.conditions.map((c) => c.type)).toEqual([
      'UnsupportedArgoCdObject',
      'InvalidSpecError',
      'InvalidSpecError',
    ]);
    expect(found.conditions[0]!.message).toMatch(/ConfigManagementPlugin cmp/);
  });
});

describe('AppChildren', () => {
  const harness = (live = true) => {
    let changes = 0;
    const pruned: string[] = [];
    let failPrune: Error | null = null;
    const projectChanges: string[][] = [];
    let setChanges = 0;
    const children = new AppChildren(
      {
        changed: () => changes++,
        pruneResources: async (name) => {
          if (failPrune) throw failPrune;
          pruned.push(name);
        },
        projectsChanged: (names) => projectChanges.push(names),
        setsChanged: () => setChanges++,
      },
      live,
    );
    return {
      children,
      pruned,
      projectChanges,
      setChanges: () => setChanges,
      changes: () => changes,
      failPrunes: (error: Error | null) => (failPrune = error),
      names: () =>
        children
          .producers()
          .flatMap((p) =>
            p.applications.map((a) => `${p.origin.kind === 'parent' ? p.origin.name : '?'}/${a.name}`),
          ),
    };
  };
  const finalizer = { finalizers: ['resources-finalizer.argocd.argoproj.io'] };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('adds, keeps and removes children; a render that changes nothing changes nothing', () => {
    const h = harness();
    h.children.rendered('root', 'root.yaml', [app('a'), app('b'), configMap]);
    expect(h.names()).toEqual(['root/a', 'root/b']);
    expect(h.changes()).toBe(1);
    h.children.rendered('root', 'root.yaml', [app('a'), app('b')]);
    expect(h.changes()).toBe(1);
    h.children.rendered('root', 'root.yaml', [app('a')]);
    expect(h.names()).toEqual(['root/a']);
    expect(h.pruned).toEqual([]);
  });

  it('a child that is itself a parent works; its child knows its lineage, a cycle back is stopped', () => {
    const h = harness();
    h.children.rendered('root', 'f', [app('mid')]);
    expect(h.children.rendered('mid', 'f', [app('leaf')])).toEqual([]);
    expect(h.names()).toEqual(['root/mid', 'mid/leaf']);
    const cycle = h.children.rendered('leaf', 'f', [app('root'), app('mid')]);
    expect(cycle.map((c) => c.message)).toEqual([
      expect.stringMatching(/cycle \(root → mid → leaf → root\)/),
      expect.stringMatching(/cycle \(root → mid → leaf → mid\)/),
    ]);
    expect(h.names()).toEqual(['root/mid', 'mid/leaf']);
  });

  it('a child with the resources finalizer leaves once its objects are pruned; until then a DeletionError', async () => {
    const h = harness();
    h.children.rendered('root', 'f', [app('a', finalizer), app('b', finalizer)]);
    h.failPrunes(new Error('cluster dev unreachable'));
    h.children.rendered('root', 'f', [app('b', finalizer)]);
    await settle();
    expect(h.names().sort()).toEqual(['root/a', 'root/b']);
    const stuck = h.children.producers()[0]!.applications.find((a) => a.name === 'a')!;
    expect(stuck.conditions[0]).toMatchObject({ type: 'DeletionError' });
    expect(stuck.conditions[0]!.message).toMatch(/cluster dev unreachable/);
    h.failPrunes(null);
    h.children.rendered('root', 'f', [app('b', finalizer)]);
    await settle();
    expect(h.pruned).toEqual(['a']);
    expect(h.names()).toEqual(['root/b']);
  });

  it('a deletion that fails while the parent renders again is still tried again on its own', async () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      h.children.rendered('root', 'f', [app('a', finalizer)]);
      h.failPrunes(new Error('an operation is running'));
      h.children.rendered('root', 'f', []);
      // the parent renders again while the first attempt is still running
      h.children.rendered('root', 'f', []);
      await vi.advanceTimersByTimeAsync(10);
      expect(h.names()).toEqual(['root/a']);
      expect(h.children.producers()[0]!.applications[0]!.conditions[0]).toMatchObject({
        type: 'DeletionError',
      });
      h.failPrunes(null);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(h.pruned).toEqual(['a']);
      expect(h.names()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a child whose objects could not be deleted is tried again on its own, without a new render', async () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      h.children.rendered('root', 'f', [app('a', finalizer)]);
      h.failPrunes(new Error('an operation is running'));
      h.children.rendered('root', 'f', []);
      await vi.advanceTimersByTimeAsync(10);
      expect(h.names()).toEqual(['root/a']);
      h.failPrunes(null);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(h.pruned).toEqual(['a']);
      expect(h.names()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a cluster (offline CLI) a finalizer does not hold a removed child', () => {
    const h = harness(false);
    h.children.rendered('root', 'f', [app('a', finalizer)]);
    h.children.rendered('root', 'f', []);
    expect(h.names()).toEqual([]);
  });

  it('a parent forgotten takes its children', () => {
    const h = harness();
    h.children.rendered('root', 'f', [app('a'), app('b')]);
    h.children.forget('root');
    expect(h.names()).toEqual([]);
  });

  it('a child named like a workspace application is a clash condition on its parent, not an overwrite', () => {
    const h = harness();
    h.children.rendered('root', 'f', [app('taken'), app('free')]);
    const workspaceApp = {
      name: 'taken',
      origin: { file: 'taken.yaml', documentIndex: 0, line: 1 },
      definition: null,
      raw: {},
      conditions: [],
    };
    const producers = h.children.producers();
    const merged = mergeApplications([workspaceApp], producers);
    producers[0]!.clashesFound!(merged.clashes);
    expect(merged.applications.find((a) => a.name === 'taken')!.owner).toEqual({ kind: 'workspace' });
    const conditions = h.children.rendered('root', 'f', [app('taken'), app('free')]);
    expect(conditions).toEqual([
      {
        type: 'ApplicationNameClash',
        message: expect.stringMatching(/child application taken is not created: a workspace file/),
      },
    ]);
  });

  it("offers its parents' AppProjects and ApplicationSets, tells when they change, and forgets them with the parent", () => {
    const h = harness();
    const project = (name: string, description = '') => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name },
      spec: { description },
    });
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'envs' },
      spec: { generators: [], template: { metadata: {}, spec: {} } },
    };
    h.children.rendered('root', 'root.yaml', [project('team'), set, app('a')]);
    h.children.rendered('other', 'other.yaml', [project('team', 'second'), project('ops')]);
    // parents in name order: other's team wins over root's
    expect(h.children.projects().map((p) => [p.name, p.definition?.spec.description])).toEqual([
      ['team', 'second'],
      ['ops', ''],
    ]);
    expect(h.children.sets().map((s) => [s.name, s.parent])).toEqual([['envs', 'root']]);
    expect(h.projectChanges).toEqual([['team'], ['team', 'ops']]);
    expect(h.setChanges()).toBe(1);
    h.children.rendered('root', 'root.yaml', [project('team'), set, app('a')]);
    expect(h.setChanges()).toBe(1);
    h.children.forget('root');
    expect(h.children.sets()).toEqual([]);
    expect(h.setChanges()).toBe(2);
    expect(h.projectChanges.at(-1)).toEqual(['team']);
  });
});
