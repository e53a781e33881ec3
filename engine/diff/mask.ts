// Secret values never leave the engine in a diff or a manifest view. Like gitops-engine's
// HideSecretData, each value becomes a run of `+`: the first distinct value of a key across
// the objects gets 8, the next 12, then 16..., so the view still shows whether git, the
// cluster and the last applied configuration agree. Revealing real values is a separate,
// explicit call whose caller returns the unmasked objects it already has.
import { annotationOf, isSecret } from './identity.ts';
import { deepCopy, isObject } from './json.ts';
import { foldStringData, LAST_APPLIED_ANNOTATION, lastAppliedOf } from './normalize.ts';
import type { KubeObject } from './types.ts';

const FIRST_MASK = '+'.repeat(8);
const MASK_STEP = '+'.repeat(4);

/**
 * Masked copies of several versions of one Secret (e.g. desired, live, last-applied), in
 * that order. `stringData` is folded into `data` first. Non-Secrets come back unchanged.
 */
export function maskSecretObjects<T extends KubeObject | null | undefined>(objects: readonly T[]): T[] {
  const copies = objects.map((obj) => {
    if (obj === null || obj === undefined || !isSecret(obj)) return obj;
    const copy = deepCopy(obj);
    foldStringData(copy);
    return copy;
  });
  const datas = copies.map((obj) =>
    obj !== null && obj !== undefined && isSecret(obj) && isObject(obj.data) ? obj.data : undefined,
  );
  const keys = new Set(datas.flatMap((data) => (data === undefined ? [] : Object.keys(data))));
  for (const key of keys) {
    let next = FIRST_MASK;
    const maskOf = new Map<string, string>();
    for (const data of datas) {
      if (data === undefined || !Object.hasOwn(data, key)) continue;
      const value = String(data[key] ?? '');
      let mask = maskOf.get(value);
      if (mask === undefined) {
        mask = next;
        next += MASK_STEP;
        maskOf.set(value, mask);
      }
      data[key] = mask;
    }
  }
  return copies;
}

/** Masked copies of a desired and a live Secret, the live one's last-applied annotation included. */
export function maskSecrets(
  desired: KubeObject | null | undefined,
  live: KubeObject | null | undefined,
): { desired: KubeObject | null | undefined; live: KubeObject | null | undefined } {
  const annotation = live && isSecret(live) ? annotationOf(live, LAST_APPLIED_ANNOTATION) : undefined;
  const parsed = live && annotation !== undefined ? lastAppliedOf(live) : undefined;
  const lastApplied = parsed !== undefined && isSecret(parsed) ? parsed : undefined;
  const [maskedDesired, maskedLive, maskedApplied] = maskSecretObjects([desired, live, lastApplied]);
  if (
    annotation !== undefined &&
    maskedLive &&
    isObject(maskedLive.metadata) &&
    isObject(maskedLive.metadata.annotations)
  ) {
    // An unreadable annotation is replaced all the same, so that nothing of it can leak.
    maskedLive.metadata.annotations[LAST_APPLIED_ANNOTATION] =
      maskedApplied === undefined ? '{}' : JSON.stringify(maskedApplied);
  }
  return { desired: maskedDesired, live: maskedLive };
}
