// Kubernetes object metadata and the argoproj.io type identity shared by Application,
// AppProject and ApplicationSet. Loose objects: fields Plumbline does not read are kept.
import { z } from 'zod';

export const ARGOPROJ_GROUP = 'argoproj.io';
export const ARGOPROJ_API_VERSION = 'argoproj.io/v1alpha1';

/** The argoproj.io kinds a workspace holds. */
export const argoprojKinds = ['Application', 'AppProject', 'ApplicationSet'] as const;
export type ArgoprojKind = (typeof argoprojKinds)[number];

export const stringMapSchema = z.record(z.string(), z.string());

// Kubernetes object names (RFC 1123 subdomains). Plumbline also uses them as file names.
const objectName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
  );

export const objectMetaSchema = z.looseObject({
  name: objectName,
  namespace: z.string().optional(),
  labels: stringMapSchema.optional(),
  annotations: stringMapSchema.optional(),
  finalizers: z.array(z.string()).optional(),
});
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

/** apiVersion + kind + metadata of one argoproj.io kind; the caller adds `spec`. */
export function argoprojObject<K extends ArgoprojKind>(kind: K) {
  return {
    apiVersion: z.literal(ARGOPROJ_API_VERSION),
    kind: z.literal(kind),
    metadata: objectMetaSchema,
  };
}

/** `{group, kind}` as used by resource white/blacklists and ignore rules. */
export const groupKindSchema = z.looseObject({ group: z.string(), kind: z.string() });
export type GroupKind = z.infer<typeof groupKindSchema>;
