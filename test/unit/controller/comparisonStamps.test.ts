// When a comparison may be skipped: only when the definition, revisions, desired objects, health
// customizations and the versions of every live object it concerns are what the last one was
// made from, and nothing was forgotten while it ran.
import { describe, expect, it } from 'vitest';
import { keyOfObject } from '../../../engine/cluster/index.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';
import type { AppComparison } from '../../../engine/controller/compareApp.ts';
import { ComparisonStamps } from '../../../engine/controller/comparisonStamps.ts';
import type { ComparisonTarget } from '../../../engine/controller/liveComparisons.ts';
import type { Application } from '../../../engine/model/index.ts';

const app: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/shop.git', path: 'shop', targetRevision: 'main' },
    destination: { name: 'a', namespace: 'shop' },
  },
};

const configMap = (name: string, resourceVersion?: string, data = 'x'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', ...(resourceVersion ? { resourceVersion } : {}) },
  data: { value: data },
});

/** The two questions a stamp asks the live cache, over a map of objects. */
function liveOf(objects: KubeObject[], tracked: string[] = []) {
  const byId = new Map(objects.map((obj) => [keyOfObject(obj), obj]));
  return {
    byId,
    get: (key: string) => byId.get(key),
    objectsTrackedBy: () => tracked.map((id) => byId.get(id)!).filter(Boolean),
  };
}

const target = (desired: KubeObject[], revisions = ['abc']): ComparisonTarget => ({
  app,
  context: 'a',
  desired,
  revisions,
});

const comparisonOf = (ids: string[]) =>
  ({ resources: ids.map((id) => ({ id })), nodes: [] }) as unknown as AppComparison;

describe('comparison stamps', () => {
  const desired = [configMap('settings')];
  const id = keyOfObject(desired[0]!);

  it('are equal while nothing the comparison is made from changed', () => {
    const stamps = new ComparisonStamps();
    const live = liveOf([configMap('settings', '10')]);
    const customizations = {};
    const first = stamps.stampOf(target(desired), live, customizations, undefined);
    stamps.record('shop', first, stamps.begin('shop'));
    const again = stamps.stampOf(target([configMap('settings')]), live, customizations, comparisonOf([id]));
    expect(stamps.unchanged('shop', again)).toBe(true);
  });

  it('differ when git, the revision, the definition, the customizations or a live version changed', () => {
    const stamps = new ComparisonStamps();
    const live = liveOf([configMap('settings', '10'), configMap('extra', '3')], [id]);
    const customizations = {};
    const last = comparisonOf([id]);
    const base = stamps.stampOf(target(desired), live, customizations, last);
    stamps.record('shop', base, stamps.begin('shop'));
    const variants = [
      stamps.stampOf(target([configMap('settings', undefined, 'y')]), live, customizations, last),
      stamps.stampOf(target(desired, ['def']), live, customizations, last),
      stamps.stampOf(
        {
          ...target(desired),
          app: { ...app, spec: { ...app.spec, ignoreDifferences: [{ kind: 'ConfigMap' }] } },
        },
        live,
        customizations,
        last,
      ),
      stamps.stampOf(target(desired), live, {}, last),
      stamps.stampOf(target(desired), liveOf([configMap('settings', '11')], [id]), customizations, last),
      // an object the application tracks now that the last comparison did not see
      stamps.stampOf(
        target(desired),
        liveOf([configMap('settings', '10'), configMap('extra', '3')], [id, keyOfObject(configMap('extra'))]),
        customizations,
        last,
      ),
    ];
    for (const stamp of variants) expect(stamps.unchanged('shop', stamp)).toBe(false);
  });

  it('are not recorded by a comparison that began before a forget', () => {
    const stamps = new ComparisonStamps();
    const live = liveOf([configMap('settings', '10')]);
    const stamp = stamps.stampOf(target(desired), live, undefined, undefined);
    const begun = stamps.begin('shop');
    stamps.forget('shop'); // a live change concerning it arrived while it ran
    stamps.record('shop', stamp, begun);
    expect(stamps.unchanged('shop', stamp)).toBe(false);
    stamps.record('shop', stamp, stamps.begin('shop'));
    expect(stamps.unchanged('shop', stamp)).toBe(true);
  });
});
