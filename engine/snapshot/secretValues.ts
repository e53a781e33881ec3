// Secret values never reach a snapshot: a Secret keeps the names of its keys (so drift in which
// keys exist still shows) but every value becomes empty, `stringData` is folded into `data`
// first, and the last-applied-configuration annotation (a copy of the values) is dropped. A
// comparison against a snapshot then takes a removed value as the one git holds (see
// assumeRemovedValues): a snapshot cannot tell, so it never claims drift it cannot see.
import type { KubeObject } from '../diff/index.ts';
import { isSecret } from '../diff/identity.ts';
import { deepCopy, isObject } from '../diff/json.ts';
import { foldStringData, LAST_APPLIED_ANNOTATION } from '../diff/normalize.ts';

export const REMOVED_VALUE = '';

/** A copy of `obj` without Secret values; anything else comes back as it is. */
export function withoutSecretValues(obj: KubeObject): KubeObject {
  if (!isSecret(obj)) return obj;
  const copy = deepCopy(obj);
  foldStringData(copy);
  delete copy.stringData;
  if (isObject(copy.data))
    copy.data = Object.fromEntries(Object.keys(copy.data).map((key) => [key, REMOVED_VALUE]));
  const metadata = copy.metadata;
  if (isObject(metadata) && isObject(metadata.annotations)) {
    delete metadata.annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  return copy;
}

/**
 * The live Secret of a snapshot with each removed value taken as the desired one, for the keys
 * both have: the snapshot cannot say whether the value drifted, only whether the key did.
 */
export function assumeRemovedValues(live: KubeObject, desired: KubeObject | undefined): KubeObject {
  if (!desired || !isSecret(live) || !isSecret(desired) || !isObject(live.data)) return live;
  const wanted = deepCopy(desired);
  foldStringData(wanted);
  if (!isObject(wanted.data)) return live;
  const copy = deepCopy(live);
  const data = copy.data as Record<string, unknown>;
  for (const key of Object.keys(data))
    if (data[key] === REMOVED_VALUE && Object.hasOwn(wanted.data, key)) data[key] = wanted.data[key];
  return copy;
}
