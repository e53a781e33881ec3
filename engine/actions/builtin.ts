// The actions Plumbline offers without any script, as Argo CD's catalogue offers them for the
// workload kinds: restart a Deployment, StatefulSet or DaemonSet (a new pod template annotation,
// `kubectl.kubernetes.io/restartedAt`, as `kubectl rollout restart` writes it) and pause or
// resume a Deployment's rollout (`spec.paused`). Each returns the changed object, a patch.
import type { KubeObject } from '../diff/index.ts';
import type { ResourceAction } from './types.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

type Builtin = {
  offer(obj: KubeObject): Omit<ResourceAction, 'name' | 'params' | 'source'>;
  run(obj: KubeObject, now: Date): KubeObject;
};

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};

/** `2026-01-02T15:04:05Z`: whole seconds in UTC, as Argo CD's script and kubectl write it. */
export function restartStamp(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

const restart: Builtin = {
  offer: () => ({ disabled: false, iconClass: 'fa fa-fw fa-redo', displayName: 'Restart' }),
  run(obj, now) {
    const spec = record(obj.spec);
    const template = record(spec.template);
    const metadata = record(template.metadata);
    const annotations = { ...record(metadata.annotations), [RESTARTED_AT]: restartStamp(now) };
    return { ...obj, spec: { ...spec, template: { ...template, metadata: { ...metadata, annotations } } } };
  },
};

const paused = (obj: KubeObject): boolean => record(obj.spec).paused === true;

const pause: Builtin = {
  offer: (obj) => ({ disabled: paused(obj), iconClass: 'fa fa-fw fa-pause-circle', displayName: 'Pause' }),
  run: (obj) => ({ ...obj, spec: { ...record(obj.spec), paused: true } }),
};

const resume: Builtin = {
  offer: (obj) => ({ disabled: !paused(obj), iconClass: 'fa fa-fw fa-play-circle', displayName: 'Resume' }),
  run(obj) {
    const { paused: _removed, ...spec } = record(obj.spec);
    return { ...obj, spec };
  },
};

const byKind: Record<string, Record<string, Builtin>> = {
  'apps/Deployment': { restart, pause, resume },
  'apps/StatefulSet': { restart },
  'apps/DaemonSet': { restart },
};

function builtinsOf(group: string, kind: string): Record<string, Builtin> {
  return byKind[`${group}/${kind}`] ?? {};
}

export function builtinActions(group: string, kind: string, obj: KubeObject): ResourceAction[] {
  return Object.entries(builtinsOf(group, kind)).map(([name, builtin]) => ({
    name,
    params: [],
    source: 'builtin' as const,
    ...builtin.offer(obj),
  }));
}

/** The changed object, or undefined when the kind has no built-in action of that name. */
export function runBuiltin(
  group: string,
  kind: string,
  name: string,
  obj: KubeObject,
  now = new Date(),
): KubeObject | undefined {
  const builtin = Object.hasOwn(builtinsOf(group, kind), name) ? builtinsOf(group, kind)[name] : undefined;
  return builtin?.run(obj, now);
}
