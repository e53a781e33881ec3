// Compares one desired object (rendered from git) with its live counterpart, as Argo CD does:
// missing, extraneous (to prune), changed or synced; hooks, skipped objects and objects that
// are not this app's carry no sync status of their own; Secret data in the result is masked.
import { hasCompareOption, isHook, isSkipped } from './annotations.ts';
import { changedPaths } from './changedPaths.ts';
import { describeKey, objectKey, shapeOf } from './identity.ts';
import { maskSecretObjects } from './mask.ts';
import { normalizeObject } from './normalize.ts';
import { comparableSides } from './sides.ts';
import { isTrackedBy, setTrackingId, trackingIdOf, TRACKING_ANNOTATION } from './tracking.ts';
import type { CompareOptions, KubeObject, ObjectComparison } from './types.ts';
import { activeYamlLimits, valueDepth } from '../yaml/index.ts';

type Verdict = Omit<ObjectComparison, 'key' | 'mode' | 'warnings'>;

function masked(
  desired: KubeObject | null,
  live: KubeObject | null,
): Pick<Verdict, 'normalizedDesired' | 'normalizedLive'> {
  const [normalizedDesired = null, normalizedLive = null] = maskSecretObjects([desired, live]);
  return { normalizedDesired, normalizedLive };
}

/** Live objects the app does not own are shown, never judged, never pruned. */
function ownershipVerdict(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  appName: string,
): Verdict | undefined {
  if (live === undefined) return undefined;
  const id = trackingIdOf(live);
  if (desired === undefined && !isTrackedBy(live, appName)) {
    return {
      status: null,
      reason: 'notOurs',
      countsForApp: false,
      requiresPruning: false,
      changedPaths: [],
      message:
        id === undefined
          ? `not tracked by application ${appName}`
          : `its ${TRACKING_ANNOTATION} names another object or application`,
      ...masked(null, normalizeObject(live)),
    };
  }
  if (desired !== undefined && id !== undefined && id.appName !== appName) {
    return {
      status: 'OutOfSync',
      reason: 'sharedResource',
      countsForApp: true,
      requiresPruning: false,
      changedPaths: [],
      message: `${describeKey(objectKey(live))} is tracked by application ${id.appName}`,
      ...masked(normalizeObject(setTrackingId(desired, appName)), normalizeObject(live)),
    };
  }
  return undefined;
}

function diffVerdict(desired: KubeObject | null, live: KubeObject | null): Verdict {
  const sides = masked(desired, live);
  if (live === null)
    return {
      status: 'OutOfSync',
      reason: 'missing',
      countsForApp: true,
      requiresPruning: false,
      changedPaths: [],
      ...sides,
    };
  if (desired === null) {
    const countsForApp = !hasCompareOption(live, 'IgnoreExtraneous');
    return {
      status: 'OutOfSync',
      reason: 'extraneous',
      countsForApp,
      requiresPruning: true,
      changedPaths: [],
      ...sides,
    };
  }
  const paths = changedPaths(desired, live, shapeOf(live));
  if (paths.length === 0)
    return { status: 'Synced', countsForApp: true, requiresPruning: false, changedPaths: [], ...sides };
  return {
    status: 'OutOfSync',
    reason: 'changed',
    countsForApp: true,
    requiresPruning: false,
    changedPaths: paths,
    ...sides,
  };
}

/** Hooks and `hook: Skip` objects are judged by the sync operation, not by the diff. */
function hookVerdict(
  verdict: Verdict,
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
): Verdict {
  const subject = desired ?? live;
  if (subject === undefined) return verdict;
  const reason =
    desired !== undefined && isSkipped(desired) ? 'skipped' : isHook(subject) ? 'hook' : undefined;
  if (reason === undefined) return verdict;
  return { ...verdict, status: null, reason, countsForApp: false, requiresPruning: false };
}

/**
 * Compares `desired` with `live`. Either may be absent (missing, extraneous), not both.
 * Never throws: a failed comparison is status Unknown with the reason in `message`.
 */
export async function compareObject(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  options: CompareOptions,
): Promise<ObjectComparison> {
  const subject = desired ?? live;
  const head = {
    key: subject === undefined ? { group: '', kind: '', namespace: '', name: '' } : objectKey(subject),
    mode: options.predictedLive === undefined ? ('clientSide' as const) : ('serverSide' as const),
    warnings: [] as string[],
  };
  const failed = (message: string): ObjectComparison => ({
    ...head,
    status: 'Unknown',
    reason: 'error',
    countsForApp: true,
    requiresPruning: false,
    changedPaths: [],
    normalizedDesired: null,
    normalizedLive: null,
    message,
  });
  if (subject === undefined) return failed('neither a desired nor a live object to compare');
  // The walks below recurse once per level: an object nested past the YAML depth limit (a live
  // custom resource can be) is not walked at all.
  const depthLimit = activeYamlLimits().depth;
  if ([desired, live].some((side) => side !== undefined && valueDepth(side, depthLimit) > depthLimit))
    return failed(
      `compare ${describeKey(head.key)}: the object nests more than ${depthLimit} levels deep (setting limits.yamlDepth); it is not compared`,
    );
  try {
    const owned = ownershipVerdict(desired, live, options.appName);
    if (owned !== undefined) return { ...head, ...owned };
    const sides = await comparableSides(desired, live, options, head.warnings);
    return { ...head, ...hookVerdict(diffVerdict(sides.desired, sides.live), desired, live) };
  } catch (error) {
    return failed(
      `compare ${describeKey(head.key)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
