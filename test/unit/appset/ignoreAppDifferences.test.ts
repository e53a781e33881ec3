// ignoreApplicationDifferences as Argo CD v3 applies it: what the rules name keeps the existing
// application's value (present or absent), everything else is the generated value; a rule with a
// name applies to that application only; jq path expressions as well as JSON pointers; and the
// edits of a generated application the rules allow.
import { describe, expect, it } from 'vitest';
import { changesOnlyIgnoredFields, keepIgnoredFields } from '../../../engine/appset/ignoreAppDifferences.ts';
import type { Application, ApplicationSet } from '../../../engine/model/index.ts';

const app = (name: string, spec: Record<string, unknown>): Application =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.test/a.git', path: name, targetRevision: 'main' },
      destination: { server: 'https://a.test', namespace: name },
      ...spec,
    },
  }) as Application;

const set = (rules: unknown): ApplicationSet =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'shop' },
    spec: { generators: [], template: {}, ignoreApplicationDifferences: rules },
  }) as unknown as ApplicationSet;

const automated = { syncPolicy: { automated: { prune: true } } };

describe('keepIgnoredFields', () => {
  it('keeps the existing value where a JSON pointer looks away, takes the generated one elsewhere', async () => {
    const existing = app('web', { syncPolicy: {} });
    const generated = app('web', {
      ...automated,
      destination: { server: 'https://b.test', namespace: 'web' },
    });
    const [kept] = await keepIgnoredFields(
      set([{ jsonPointers: ['/spec/syncPolicy'] }]),
      [existing],
      [generated],
    );
    expect(kept!.spec.syncPolicy).toEqual({});
    expect(kept!.spec.destination).toEqual({ server: 'https://b.test', namespace: 'web' });
  });

  it('keeps a field absent when the existing application has none, and a jq path expression works as a pointer', async () => {
    const existing = app('web', {});
    const generated = app('web', automated);
    const rules = [{ jqPathExpressions: ['.spec.syncPolicy.automated'] }];
    const [kept] = await keepIgnoredFields(set(rules), [existing], [generated]);
    expect(kept!.spec.syncPolicy?.automated).toBeUndefined();
  });

  it('applies a named rule to that application only, and leaves new applications as generated', async () => {
    const rules = [{ name: 'web', jsonPointers: ['/spec/source/targetRevision'] }];
    const current = [app('web', {}), app('api', {})].map((a) => {
      a.spec.source!.targetRevision = 'v1.0.0';
      return a;
    });
    const kept = await keepIgnoredFields(set(rules), current, [
      app('web', {}),
      app('api', {}),
      app('new', {}),
    ]);
    expect(kept.map((a) => [a.metadata.name, a.spec.source!.targetRevision])).toEqual([
      ['web', 'v1.0.0'],
      ['api', 'main'],
      ['new', 'main'],
    ]);
  });

  it('refuses a rule list that is not one, and a jq expression that does not compile', async () => {
    await expect(keepIgnoredFields(set('oops'), [app('web', {})], [app('web', {})])).rejects.toThrow(
      /ignoreApplicationDifferences is not a list of rules/,
    );
    await expect(
      keepIgnoredFields(set([{ jqPathExpressions: ['.spec[['] }]), [app('web', {})], [app('web', {})]),
    ).rejects.toThrow(/jqPathExpression/);
  });
});

describe('changesOnlyIgnoredFields', () => {
  it('allows an edit of what the rules name, and nothing else', async () => {
    const rules = set([{ jsonPointers: ['/spec/syncPolicy'] }]);
    const current = app('web', automated);
    expect(await changesOnlyIgnoredFields(rules, current, app('web', {}))).toBe(true);
    expect(
      await changesOnlyIgnoredFields(
        rules,
        current,
        app('web', { ...automated, destination: { server: 'https://b.test' } }),
      ),
    ).toBe(false);
    expect(await changesOnlyIgnoredFields(set(undefined), current, app('web', {}))).toBe(false);
  });
});
