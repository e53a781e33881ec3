// Hostile tracking marks and deletion inputs: a tracking id crafted to claim another
// application's objects (or smuggling a second identity past a colon), huge and over-long values,
// application names no label can hold, and PreDelete/PostDelete hooks with hostile names or
// annotations. Each is parsed, refused or cut as Argo CD does; nothing crashes or hangs.
import { expect } from 'vitest';
import type { KubeObject } from '../../engine/diff/index.ts';
import { ObjectIndex } from '../../engine/cluster/objectIndex.ts';
import { planDeletion } from '../../engine/controller/appDeletion.ts';
import type { Application } from '../../engine/model/index.ts';
import { deletionVerdict, isDeleteHook } from '../../engine/sync/deletion.ts';
import {
  DEFAULT_TRACKING,
  parseTrackingId,
  trackingIdOf,
  truncateLabel,
  withTracking,
} from '../../engine/tracking/index.ts';
import { badInputCases } from './corpus.ts';

const cm = (name: string, annotations: Record<string, string> = {}, namespace = 'prod'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, annotations },
});

const app = (name: string): Application =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: {
      project: 'default',
      source: { repoURL: 'https://example.invalid/repo.git', path: '.' },
      destination: { name: 'c', namespace: 'prod' },
    },
  }) as unknown as Application;

badInputCases('resource tracking and application deletion', [
  {
    name: "a tracking id naming the attacker's application on another app's object, or pointing at another object",
    outcome: 'the object is not the attacker’s: its id must name the object itself',
    run: async () => {
      const index = new ObjectIndex();
      index.upsert(cm('victim', { 'argocd.argoproj.io/tracking-id': 'attacker:/ConfigMap:prod/other' }));
      index.upsert(
        cm('victim2', { 'argocd.argoproj.io/tracking-id': 'attacker:/ConfigMap:other-ns/victim2' }),
      );
      index.upsert(
        cm('victim3', { 'argocd.argoproj.io/tracking-id': 'attacker:apps/ConfigMap:prod/victim3' }),
      );
      index.upsert(cm('own', { 'argocd.argoproj.io/tracking-id': 'attacker:/ConfigMap:prod/own' }));
      const claimed = index.objectsTrackedBy('attacker').map((o) => (o.metadata as { name: string }).name);
      expect(claimed).toEqual(['own']);
      return claimed;
    },
  },
  {
    name: 'a tracking id smuggling a second identity after a colon, or with extra slashes',
    outcome: 'parsed as Argo CD parses it, so it names no real object',
    run: async () => {
      // the rest after the second colon has three slashes: no id at all
      expect(parseTrackingId('attacker:/ConfigMap:prod/victim:other:/Secret:prod/x')).toBeUndefined();
      const smuggled = parseTrackingId('attacker:/ConfigMap:prod/victim:other:Secret');
      expect(smuggled?.name).toBe('victim:other:Secret');
      expect(parseTrackingId('attacker:/ConfigMap:prod/victim/../../x')).toBeUndefined();
      expect(parseTrackingId('a:b/c/d:prod/x')).toBeUndefined();
      const index = new ObjectIndex();
      index.upsert(cm('victim', { 'argocd.argoproj.io/tracking-id': 'attacker:/ConfigMap:prod/victim:x' }));
      expect(index.objectsTrackedBy('attacker')).toEqual([]);
      return smuggled;
    },
  },
  {
    name: 'a 5 MB tracking id and installation id',
    outcome: 'read in linear time, recognised only with the matching installation ID',
    run: async () => {
      const huge = `${'a'.repeat(5_000_000)}:/ConfigMap:prod/x`;
      const started = Date.now();
      const obj = cm('x', {
        'argocd.argoproj.io/tracking-id': huge,
        'argocd.argoproj.io/installation-id': 'z'.repeat(1e6),
      });
      expect(trackingIdOf(obj, DEFAULT_TRACKING)?.appName.length).toBe(5_000_000);
      expect(trackingIdOf(obj, { ...DEFAULT_TRACKING, installationID: 'mine' })).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5000);
      return null;
    },
  },
  {
    name: 'an application name over 63 characters, and one no label value can hold',
    outcome:
      'annotation+label cuts the label as Argo CD does; a name of only dashes is refused with a message',
    run: async () => {
      const long = `${'n'.repeat(80)}-x`;
      const marked = withTracking(cm('x'), long, { ...DEFAULT_TRACKING, method: 'annotation+label' });
      const label = (marked.metadata as { labels: Record<string, string> }).labels[
        'app.kubernetes.io/instance'
      ];
      expect(label).toBe('n'.repeat(63));
      expect(() => truncateLabel('-'.repeat(100))).toThrow(/unable to truncate label/);
      expect(() =>
        withTracking(cm('x'), '.'.repeat(100), { ...DEFAULT_TRACKING, method: 'annotation+label' }),
      ).toThrow(/unable to truncate label/);
      return label;
    },
  },
  {
    name: 'PreDelete and PostDelete hooks with hostile names, empty names and huge annotations',
    outcome: 'listed in the deletion plan as they are; nothing written, nothing thrown',
    run: async () => {
      const hook = (name: string, type: string) =>
        cm(name, { 'argocd.argoproj.io/hook': type, 'argocd.argoproj.io/sync-wave': '9'.repeat(400) });
      const desired = [
        hook('../../etc/passwd', 'PreDelete'),
        hook('', 'PostDelete'),
        hook('a/b?c#d', `${','.repeat(1_000_000)}PreDelete`),
        hook('x'.repeat(10_000), 'PostDelete'),
      ];
      const plan = planDeletion(
        {
          app: app('web'),
          project: undefined,
          cluster: undefined,
          connection: undefined,
          live: [
            cm('web-settings', {
              'argocd.argoproj.io/sync-options': `Delete=confirm,${'Delete=false,'.repeat(10_000)}`,
            }),
          ],
          desired,
          warnings: [],
        },
        undefined,
      );
      expect(plan.preDeleteHooks.map((h) => h.name)).toEqual(['../../etc/passwd', 'a/b?c#d']);
      expect(plan.postDeleteHooks).toHaveLength(2);
      // the last Delete option wins, as a map of options does
      expect(plan.kept.map((k) => k.keptBecause)).toEqual(['Delete=false']);
      expect(isDeleteHook(cm('x', { 'helm.sh/hook': 'pre-delete'.repeat(100_000) }), 'PreDelete')).toBe(
        false,
      );
      expect(deletionVerdict(cm('x', { 'argocd.argoproj.io/sync-options': '=,==,Delete' })).deleted).toBe(
        true,
      );
      return plan;
    },
  },
]);
