// The snapshots area of the contract: the last known live state of clusters, kept on disk so
// applications can be inspected offline. A snapshot is persisted for every watched cluster as
// its live state changes, exported from a reachable cluster as a file, or imported from one (or
// from `kubectl get -o yaml` output) for a registered cluster, a context, or an offline-only
// cluster that exists only as its snapshot. Snapshots never hold a Secret value.
import { z } from 'zod';

export const snapshotKinds = ['persisted', 'imported', 'demo'] as const;

/** Where an application's statuses come from when they are not live (absent: live). */
export const liveSourceSchema = z.object({
  kind: z.enum(['snapshot', 'demo']),
  /** ISO time of the last observation of the live state the statuses were computed from. */
  asOf: z.string(),
  /** Why the statuses are not live: "cluster unreachable: <error>", "imported snapshot <label>", "demo snapshot". */
  reason: z.string(),
});
export type LiveSource = z.infer<typeof liveSourceSchema>;

export const snapshotSummarySchema = z.object({
  /** The cluster as people name it: a registered cluster, a kubeconfig context or an offline-only cluster. */
  cluster: z.string(),
  kind: z.enum(snapshotKinds),
  /** ISO time of its last observation. */
  asOf: z.string(),
  objects: z.number().int(),
  /** No registered cluster or context of that name: the cluster exists only as this snapshot. */
  offlineOnly: z.boolean(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

const clusterName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s]+$/, 'a cluster name has no spaces');

export const snapshotCalls = {
  'snapshots.list': {
    input: z.object({}).strict(),
    output: z.object({ snapshots: z.array(snapshotSummarySchema) }),
  },
  /** A snapshot file of a cluster that answers now (gzip JSON, Secret values removed), as base64. */
  'snapshots.export': {
    input: z
      .object({
        context: z.string().min(1).optional(),
        cluster: clusterName.optional(),
        /** Only these namespaces (and cluster-scoped objects); none: every namespace. */
        namespaces: z.array(z.string().min(1)).max(1000).optional(),
      })
      .strict()
      .refine((input) => (input.context === undefined) !== (input.cluster === undefined), {
        message: 'give either context or cluster',
      }),
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  },
  /**
   * Imports a snapshot file (or `kubectl get -o yaml` output) for a registered cluster or context
   * of that name, or as an offline-only cluster; without `cluster`, the name the file carries.
   */
  'snapshots.import': {
    input: z
      .object({
        // base64 of at most the compressed size limit (64 MiB)
        contentBase64: z
          .string()
          .min(1)
          .max(Math.ceil((64 * 1024 * 1024) / 3) * 4 + 4),
        cluster: clusterName.optional(),
      })
      .strict(),
    output: z.object({ cluster: z.string(), objects: z.number().int() }),
  },
  'snapshots.remove': {
    input: z.object({ cluster: clusterName }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} as const;

export const snapshotEvents = {
  /** A snapshot was imported, removed, or first persisted for a cluster. */
  'snapshots.changed': z.object({ snapshots: z.array(snapshotSummarySchema) }),
} as const;
