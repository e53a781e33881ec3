// Hostile inputs of the sync and compare options of #15: managedNamespaceMetadata (huge maps,
// keys no label can have, a `__proto__` key, maps that smuggle sync options), ignoreDifferences
// used at sync time (pointers at the whole object or its metadata, runaway jq, huge lists), the
// Application's compare-options and client-side-apply-migration-manager annotations (odd, huge,
// flag-like values) and hostile managedFields. Each is used as Argo CD uses it or refused with a
// message; nothing crashes, hangs or takes seconds.
import { expect } from 'vitest';
import { appDiffOptions, withIgnoredLiveValues, type KubeObject } from '../../engine/diff/index.ts';
import { withoutWebhookMutations } from '../../engine/diff/webhookMutations.ts';
import { applicationSchema } from '../../engine/model/index.ts';
import { migratedManagedFields, planSync, unionFields, type SyncRequest } from '../../engine/sync/index.ts';
import { needsCsaMigration } from '../../engine/sync/csaMigration.ts';
import { badInputCases } from './corpus.ts';

const NOW = new Date('2026-01-02T03:04:05Z');

const namespaceTask = (managedNamespaceMetadata: SyncRequest['managedNamespaceMetadata'], exists = false) =>
  planSync(
    {
      appName: 'shop',
      desired: [],
      live: [],
      namespace: 'shop',
      options: { syncOptions: ['CreateNamespace=true'] },
      ...(managedNamespaceMetadata ? { managedNamespaceMetadata } : {}),
    },
    NOW,
    exists,
  ).tasks.find((t) => t.obj.kind === 'Namespace');

const application = (syncPolicy: unknown, annotations: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', annotations },
  spec: {
    source: { repoURL: 'https://example.invalid/repo.git', path: '.' },
    destination: { name: 'c', namespace: 'shop' },
    syncPolicy,
  },
});

const deployment = (containers: unknown[], replicas = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', resourceVersion: '7', managedFields: [{ manager: 'x' }] },
  spec: { replicas, template: { spec: { containers } } },
  status: { replicas },
});

const timed = async <T>(limitMs: number, work: () => Promise<T> | T): Promise<T> => {
  const started = Date.now();
  const result = await work();
  expect(Date.now() - started).toBeLessThan(limitMs);
  return result;
};

badInputCases('sync and compare options (#15)', [
  {
    name: 'managedNamespaceMetadata with 20,000 labels and 20,000 annotations',
    outcome: 'planned at once; the API server judges the sizes (its refusal is the task’s message)',
    run: async () => {
      const many = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'v'.repeat(64)]));
      const task = await timed(1000, () => namespaceTask({ labels: many, annotations: many }));
      expect(Object.keys(task?.obj.metadata?.labels as object)).toHaveLength(20_000);
      return Object.keys(task?.obj.metadata ?? {});
    },
  },
  {
    name: 'label keys no label can have: empty, "../../etc/passwd", "--force", spaces, a newline, 300 characters',
    outcome: 'passed through unchanged for the API server to refuse; no path or flag is built from them',
    run: async () => {
      const labels = {
        '': 'x',
        '../../etc/passwd': 'x',
        '--force': 'true',
        'a b': 'x',
        'a\nb': 'x',
        ['k'.repeat(300)]: 'x',
      };
      const task = namespaceTask({ labels });
      expect(task?.obj.metadata?.labels).toEqual(labels);
      expect(task?.obj.metadata?.name).toBe('shop');
      return task?.obj;
    },
  },
  {
    name: 'a "__proto__" label key and a "constructor" annotation key',
    outcome: 'kept as plain keys; no object prototype changes',
    run: async () => {
      const labels = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "x"}') as Record<
        string,
        string
      >;
      const task = namespaceTask({
        labels,
        annotations: JSON.parse('{"__proto__": "x"}') as Record<string, string>,
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(task?.obj.metadata?.labels, '__proto__')).toBe(true);
      return task?.obj;
    },
  },
  {
    name: 'managedNamespaceMetadata annotations asking for Replace=true,Force=true or a tracking id',
    outcome:
      'the sync option is replaced by ServerSideApply=true, as Argo CD does; a tracking id is kept (Argo CD’s documented way to own the namespace)',
    run: async () => {
      const task = namespaceTask(
        {
          annotations: {
            'argocd.argoproj.io/sync-options': 'Replace=true,Force=true',
            'argocd.argoproj.io/tracking-id': 'shop:/Namespace:/shop',
          },
        },
        true,
      );
      expect(task?.obj.metadata?.annotations).toEqual({
        'argocd.argoproj.io/sync-options': 'ServerSideApply=true',
        'argocd.argoproj.io/tracking-id': 'shop:/Namespace:/shop',
      });
      return task?.obj;
    },
  },
  {
    name: 'managedNamespaceMetadata with numbers, lists or nested maps as values, or as a list itself',
    outcome: 'the Application is refused with the field named',
    run: async () => {
      const results = [
        { labels: { a: 1 } },
        { annotations: { a: { b: 'c' } } },
        { labels: ['a'] },
        'labels',
      ].map((metadata) => applicationSchema.safeParse(application({ managedNamespaceMetadata: metadata })));
      for (const result of results) {
        expect(result.success).toBe(false);
        expect(JSON.stringify(result.error?.issues)).toContain('managedNamespaceMetadata');
      }
      return results.map((r) => r.error?.issues.map((i) => i.path.join('.')));
    },
  },
  {
    name: 'RespectIgnoreDifferences with pointers at the whole object, at /metadata, and at fields that do not exist',
    outcome:
      'the empty pointer is refused with the rule named; /metadata keeps live’s metadata as Argo CD does; absent fields change nothing',
    run: async () => {
      const desired = deployment([{ name: 'web', image: 'a' }]);
      const live = deployment([{ name: 'web', image: 'b' }], 5);
      const whole = await withIgnoredLiveValues(desired, live, {
        ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: [''] }],
      });
      // as in the comparison, the empty pointer removes nothing
      expect(whole.spec).toEqual(desired.spec);
      const wholeMeta = await withIgnoredLiveValues(desired, live, {
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            jsonPointers: ['/metadata', '/spec/nope/deeper', '/spec/template/spec/containers/9'],
          },
        ],
      });
      expect(wholeMeta.metadata).toEqual(live.metadata);
      expect(wholeMeta.spec).toEqual(desired.spec);
      expect(wholeMeta).not.toHaveProperty('status');
      return wholeMeta;
    },
  },
  {
    name: 'RespectIgnoreDifferences with a runaway jq expression',
    outcome: 'stopped at its time limit and skipped; git’s object is applied',
    timeoutMs: 30_000,
    run: async () => {
      const desired = deployment([{ name: 'web', image: 'a' }]);
      const applied = await timed(10_000, () =>
        withIgnoredLiveValues(desired, deployment([{ name: 'web', image: 'b' }]), {
          ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['def f: f; f'] }],
          jqTimeoutMs: 200,
        }),
      );
      expect(applied.spec).toEqual(desired.spec);
      return applied;
    },
  },
  {
    name: 'RespectIgnoreDifferences and ServerSideDiff over 5,000 containers',
    outcome: 'done in under two seconds each (items matched by key, not pairwise)',
    run: async () => {
      const containers = Array.from({ length: 5000 }, (_, i) => ({ name: `c${i}`, image: `img:${i}` }));
      const live = deployment(containers);
      const applied = await timed(2000, () =>
        withIgnoredLiveValues(deployment(containers.map((c) => ({ ...c, image: 'new' }))), live, {
          ignoreDifferences: [
            {
              group: 'apps',
              kind: 'Deployment',
              jsonPointers: ['/spec/template/spec/containers/4999/image'],
            },
          ],
        }),
      );
      expect(
        (applied.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
          .containers[4999]?.image,
      ).toBe('img:4999');
      const owned = Object.fromEntries(
        containers.map((c) => [`k:{"name":"${c.name}"}`, { '.': {}, 'f:image': {} }]),
      );
      const predicted = { ...deployment(containers.map((c) => ({ ...c, injected: true }))) };
      predicted.metadata = {
        ...predicted.metadata,
        managedFields: [
          {
            manager: 'plumbline',
            fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': owned } } } },
          },
        ],
      };
      const kept = await timed(2000, () => withoutWebhookMutations(predicted, live, 'plumbline'));
      expect(JSON.stringify(kept)).not.toContain('injected');
      return Object.keys(kept);
    },
  },
  {
    name: 'compare-options values: 1 MB of commas, ServerSideDiff=true 100,000 times, flag-like and unicode items, a number',
    outcome: 'read as Argo CD reads them, at once: only exact items count',
    run: async () => {
      const app = (value: unknown): KubeObject => ({
        metadata: { annotations: { 'argocd.argoproj.io/compare-options': value } },
      });
      const results = await timed(1000, () => [
        appDiffOptions(app(','.repeat(1_000_000))),
        appDiffOptions(app(Array(100_000).fill('ServerSideDiff=true').join(','))),
        appDiffOptions(
          app(
            '--ServerSideDiff=true,ServerSideDiff=true\u200b,ＳerverSideDiff=true,IncludeMutationWebhook=1',
          ),
        ),
        appDiffOptions(app(42)),
      ]);
      expect(results).toEqual([
        { includeMutationWebhook: false },
        { serverSideDiff: true, includeMutationWebhook: false },
        { includeMutationWebhook: false },
        { includeMutationWebhook: false },
      ]);
      return results;
    },
  },
  {
    name: 'client-side-apply-migration-manager: empty, 10,000 characters, "--force", with a newline',
    outcome: 'only compared with managedFields manager names; nothing matches, nothing is migrated',
    run: async () => {
      const live: KubeObject = {
        metadata: {
          managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: {} }],
        },
      };
      const managers = ['', 'm'.repeat(10_000), '--force', 'kubectl-client-side-apply\n'];
      const needed = managers.map((manager) => needsCsaMigration(live, manager));
      expect(needed).toEqual([false, false, false, false]);
      return needed;
    },
  },
  {
    name: 'managedFields that are not lists, entries that are not objects, FieldsV1 1,000 levels deep or not an object',
    outcome: 'junk entries are skipped (and left as they are), deep sets merged without a crash',
    run: async () => {
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 1000; i++) deep = { [`f:l${i}`]: deep };
      const entries = [
        { manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: deep },
        { manager: 'plumbline', operation: 'Apply', fieldsV1: 'junk' },
      ];
      const migrated = migratedManagedFields(entries, 'kubectl-client-side-apply', 'plumbline');
      expect(migrated?.map((e) => e.manager)).toEqual(['plumbline']);
      const junkEntries = { metadata: { managedFields: ['junk', null, 7, entries[0]] } };
      expect(needsCsaMigration(junkEntries, 'kubectl-client-side-apply')).toBe(true);
      expect(JSON.stringify(unionFields(deep, deep)).length).toBeGreaterThan(1000);
      expect(needsCsaMigration({ metadata: { managedFields: 'junk' } }, 'kubectl-client-side-apply')).toBe(
        false,
      );
      return migrated?.length;
    },
  },
]);
