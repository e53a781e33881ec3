// Turns a snapshot into the bytes of its file and back. Reading is where hostile input arrives
// (an imported file, a damaged one on disk), so every step is bounded: the compressed size,
// what gunzip may produce (a gzip bomb stops at the limit), the nesting, the object count and
// the schema. `kubectl get -o yaml` (or -o json) output is read too, gzip-compressed or not.
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { formatBytes } from '../files/regularFile.ts';
import { valueDepth } from '../yaml/valueDepth.ts';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  SnapshotError,
  snapshotFileSchema,
  type SnapshotLimits,
  type SnapshotFile,
} from './format.ts';
import { snapshotFromKubectl } from './kubectlOutput.ts';
import { withoutSecretValues } from './secretValues.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export type { SnapshotLimits } from './format.ts';

/** The file's bytes: Secret values removed again, whoever built the snapshot. */
export async function encodeSnapshot(snapshot: SnapshotFile): Promise<Buffer> {
  const clean: SnapshotFile = {
    ...snapshot,
    objects: snapshot.objects.map(({ observedAt, object }) => ({
      observedAt,
      object: withoutSecretValues(object) as SnapshotFile['objects'][number]['object'],
    })),
  };
  return gzipAsync(Buffer.from(JSON.stringify(clean), 'utf8'));
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function decompress(bytes: Buffer, source: string, limits: SnapshotLimits): Promise<Buffer> {
  try {
    return await gunzipAsync(bytes, { maxOutputLength: limits.decompressedBytes });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw new SnapshotError(
        `${source}: decompresses to more than ${formatBytes(limits.decompressedBytes)}, over the snapshot limit`,
        'too-large',
      );
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(message))
      throw new SnapshotError(`${source}: the file is truncated (its gzip stream ends early)`, 'truncated');
    throw new SnapshotError(`${source}: the gzip stream is damaged: ${message}`, 'not-gzip');
  }
}

/**
 * Reads a snapshot file, or kubectl's output (observed at `fallbackTime`, the file's own time
 * when the caller knows it). Throws a SnapshotError that says what is wrong.
 */
export async function decodeSnapshot(
  bytes: Buffer,
  source: string,
  options: { fallbackTime?: string; limits?: SnapshotLimits } = {},
): Promise<SnapshotFile> {
  const limits = options.limits ?? SNAPSHOT_LIMITS;
  if (bytes.length > limits.compressedBytes)
    throw new SnapshotError(
      `${source}: ${formatBytes(bytes.length)}, over the snapshot file limit of ${formatBytes(limits.compressedBytes)}`,
      'too-large',
    );
  const compressed = isGzip(bytes);
  const raw = compressed ? await decompress(bytes, source, limits) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new SnapshotError(
      compressed
        ? `${source}: the decompressed content is not UTF-8 text`
        : `${source}: neither a gzip-compressed snapshot nor kubectl output (not gzip, not text)`,
      compressed ? 'not-json' : 'not-gzip',
    );
  }
  const json = parseJson(text);
  if (json === undefined || !isSnapshotShaped(json))
    return snapshotFromKubectl(
      json ?? text,
      source,
      options.fallbackTime ?? new Date().toISOString(),
      limits,
    );
  return checkSnapshot(json, source, limits);
}

function parseJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isSnapshotShaped(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'format' in value;
}

/** Checks a parsed snapshot: nesting, format and version, object count, schema. */
export function checkSnapshot(
  value: Record<string, unknown>,
  source: string,
  limits: SnapshotLimits,
): SnapshotFile {
  if (valueDepth(value, limits.depth) > limits.depth)
    throw new SnapshotError(
      `${source}: nested more than ${limits.depth} levels deep, over the snapshot limit`,
      'too-large',
    );
  if (value.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(
      `${source}: format ${JSON.stringify(value.format)} is not ${SNAPSHOT_FORMAT}`,
      'format',
    );
  if (value.version !== SNAPSHOT_VERSION)
    throw new SnapshotError(
      `${source}: snapshot format version ${JSON.stringify(value.version)}; this Plumbline reads version ${SNAPSHOT_VERSION}`,
      'version',
    );
  if (Array.isArray(value.objects) && value.objects.length > limits.objects)
    throw new SnapshotError(
      `${source}: ${value.objects.length} objects, over the snapshot limit of ${limits.objects}`,
      'too-large',
    );
  const parsed = snapshotFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new SnapshotError(`${source}: not a valid snapshot${at}: ${issue.message}`, 'invalid');
  }
  // a file written by something else may still carry values: they never go further
  return {
    ...parsed.data,
    objects: parsed.data.objects.map(({ observedAt, object }) => ({
      observedAt,
      object: withoutSecretValues(object) as SnapshotFile['objects'][number]['object'],
    })),
  };
}
