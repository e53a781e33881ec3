// Hostile "app of apps" parents: a render of 100 000 Applications, a parent that names itself,
// cycles through children, an endless chain of parents, names built to escape a folder or to be huge. Each must end as a condition
// on the parent, bounded in time, with no child created from the hostile part.
import { expect } from 'vitest';
import { AppChildren } from '../../engine/controller/appChildren.ts';
import { MAX_CHILD_DEPTH, MAX_CHILDREN } from '../../engine/controller/appChildrenOf.ts';
import type { KubeObject } from '../../engine/diff/index.ts';
import { badInputCases } from './corpus.ts';

const application = (name: string, path = name): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/config.git', path, targetRevision: 'main' },
    destination: { name: 'dev', namespace: 'apps' },
  },
});

function children() {
  const pruned: string[] = [];
  const tracker = new AppChildren(
    {
      changed: () => undefined,
      pruneResources: async (name) => void pruned.push(name),
      projectsChanged: () => undefined,
      setsChanged: () => undefined,
    },
    true,
  );
  const names = () => tracker.producers().flatMap((p) => p.applications.map((a) => a.name));
  return { tracker, pruned, names };
}

badInputCases('app of apps', [
  {
    name: 'a parent rendering 100 000 Applications',
    outcome: 'a condition on the parent, its children left as they were, nothing pruned',
    timeoutMs: 120_000,
    run: async () => {
      // built in memory: the directory renderer takes minutes to parse 100 000 documents here
      // and refuses more than render.maxObjects (20 000 by default) anyway; a user may raise it
      const objects = Array.from({ length: 100_000 }, (_, i) => application(`app-${i}`));
      const { tracker, pruned, names } = children();
      tracker.rendered('root', 'root.yaml', [application('kept')]);
      const started = Date.now();
      const conditions = tracker.rendered('root', 'root.yaml', objects);
      const ms = Date.now() - started;
      expect(ms).toBeLessThan(5_000);
      expect(conditions.map((c) => c.message)).toEqual([
        expect.stringMatching(new RegExp(`hold 100000 Argo CD objects, more than the ${MAX_CHILDREN}`)),
      ]);
      expect(names()).toEqual(['kept']);
      expect(pruned).toEqual([]);
      return { conditions, ms };
    },
  },
  {
    name: 'a parent whose manifests hold an Application of its own name',
    outcome: 'a cycle condition; no child',
    run: async () => {
      const { tracker, names } = children();
      const conditions = tracker.rendered('root', 'root.yaml', [application('root')]);
      expect(conditions[0]!.message).toMatch(/cycle \(root → root\)/);
      expect(names()).toEqual([]);
      return conditions;
    },
  },
  {
    name: 'a cycle through children: root → a → b → a, and b → root',
    outcome: 'cycle conditions on b; a and b stay children, nothing loops',
    run: async () => {
      const { tracker, names } = children();
      tracker.rendered('root', 'f', [application('a')]);
      tracker.rendered('a', 'f', [application('b')]);
      const conditions = tracker.rendered('b', 'f', [application('a'), application('root')]);
      expect(conditions).toHaveLength(2);
      for (const condition of conditions) expect(condition.message).toMatch(/is a cycle/);
      expect(names().sort()).toEqual(['a', 'b']);
      return conditions;
    },
  },
  {
    name: 'an endless chain of parents, each rendering the next (level-0 → level-1 → …, 50 levels)',
    outcome: `stopped ${MAX_CHILD_DEPTH} levels down with a condition`,
    run: async () => {
      const { tracker, names } = children();
      const said: string[] = [];
      // as the engine does: only an application that exists renders
      for (let level = 0; level < 50 && (level === 0 || names().includes(`level-${level}`)); level++)
        said.push(
          ...tracker
            .rendered(`level-${level}`, 'f', [application(`level-${level + 1}`)])
            .map((c) => c.message),
        );
      expect(names()).toHaveLength(MAX_CHILD_DEPTH);
      expect(said).toEqual([expect.stringMatching(/level-8 is an app of apps 8 levels down .* at most 8/)]);
      return said;
    },
  },
  {
    name: 'child names that are paths, a 5 MB name, control characters, a name that is not a string',
    outcome: 'conditions on the parent (messages cut short); no child',
    run: async () => {
      const { tracker, names } = children();
      const hostile: KubeObject[] = [
        application('../../../../etc/passwd'),
        application('x'.repeat(5 * 1024 * 1024)),
        application('ok\u0000evil'),
        { ...application('n'), metadata: { name: { $ne: 1 } } },
      ];
      const conditions = tracker.rendered('root', 'f', hostile);
      expect(names()).toEqual([]);
      expect(conditions).toHaveLength(4);
      for (const condition of conditions) expect(condition.message.length).toBeLessThan(2600);
      return conditions;
    },
  },
]);
