// What of a live object a snapshot keeps: everything but managedFields (the bulk of most
// objects, and only the field managers' bookkeeping) and Secret values.
import type { KubeObject } from '../diff/index.ts';
import { withoutSecretValues } from './secretValues.ts';

export function compactObject(obj: KubeObject): KubeObject {
  const metadata = obj.metadata as Record<string, unknown> | undefined;
  if (!metadata || !('managedFields' in metadata)) return withoutSecretValues(obj);
  const { managedFields: _dropped, ...rest } = metadata;
  return withoutSecretValues({ ...obj, metadata: rest });
}
