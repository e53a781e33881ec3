// The snapshot file format: the live state of one cluster's objects at a moment, each with the
// time it was observed, as versioned gzip-compressed JSON. Secret values are never in it (see
// secretValues.ts). Every file read is checked against this schema and the size limits below, so a
// damaged or hostile file becomes a clear error, never a crash or a full memory.
import { z } from 'zod';

export const SNAPSHOT_FORMAT = 'plumbline.dev/snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotLimits {
  compressedBytes: number;
  decompressedBytes: number;
  objects: number;
  depth: number;
}

/**
 * Sized far above a real cluster's managed objects (a few thousand objects of at most 1.5 MiB
 * each would be unusual) while a gzip bomb or an absurd file costs at most a few hundred MiB.
 */
export const SNAPSHOT_LIMITS: Readonly<SnapshotLimits> = Object.freeze({
  /** Bytes of the file as stored or imported (compressed). */
  compressedBytes: 64 * 1024 * 1024,
  /** Bytes once decompressed: gunzip stops there, whatever the file claims. */
  decompressedBytes: 256 * 1024 * 1024,
  /** Objects in one snapshot. */
  objects: 50_000,
  /** Nesting of the whole file (objects nest about 60 levels at most; the file adds 3). */
  depth: 110,
});

const isoTime = z.iso.datetime({ offset: true });

const kubeObject = z
  .object({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z
      .object({ name: z.string().min(1).max(253), namespace: z.string().max(253).optional() })
      .loose(),
  })
  .loose();

export const snapshotObjectSchema = z.object({
  /** When this object was last seen in this state. */
  observedAt: isoTime,
  object: kubeObject,
});

export const snapshotFileSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  cluster: z.object({
    /** The name it was exported or persisted under (a context or a registered cluster). */
    name: z.string().min(1).max(253),
    server: z.string().max(2048).nullable(),
  }),
  /** When the snapshot was written: the state it holds was current then. */
  exportedAt: isoTime,
  /** The namespaces it was limited to; null: every namespace. */
  namespaces: z.array(z.string()).nullable().default(null),
  objects: z.array(snapshotObjectSchema).max(SNAPSHOT_LIMITS.objects),
});

export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type SnapshotObject = z.infer<typeof snapshotObjectSchema>;

/** Why a snapshot file could not be read; the message names the file and what is wrong. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-gzip' | 'truncated' | 'too-large' | 'not-json' | 'format' | 'version' | 'invalid',
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** The latest observation in a snapshot: what its statuses are "as of". */
export function snapshotAsOf(snapshot: SnapshotFile): string {
  let latest = snapshot.exportedAt;
  for (const { observedAt } of snapshot.objects)
    if (Date.parse(observedAt) > Date.parse(latest)) latest = observedAt;
  return latest;
}
