// `kubectl get -o yaml` (or -o json) output as a snapshot: a `List` (or any `*List`) of objects,
// or a multi-document YAML stream of objects, read through the safe YAML loader. kubectl does not
// say which cluster it asked nor when, so the snapshot is named KUBECTL_CLUSTER (an import must
// name the cluster) and observed at the time the caller gives (the file's time, or now).
import { parseYamlValues, YamlError, DEFAULT_YAML_LIMITS } from '../yaml/index.ts';
import { valueDepth } from '../yaml/valueDepth.ts';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotError,
  snapshotObjectSchema,
  type SnapshotFile,
  type SnapshotObject,
} from './format.ts';
import type { SnapshotLimits } from './codec.ts';
import { withoutSecretValues } from './secretValues.ts';

export const KUBECTL_CLUSTER = 'kubectl-output';

/** YAML text kubectl printed may be larger than a workspace file, never larger than this. */
const KUBECTL_YAML_BYTES = 64 * 1024 * 1024;

export function snapshotFromKubectl(
  input: unknown,
  source: string,
  observedAt: string,
  limits: SnapshotLimits,
): SnapshotFile {
  const documents = typeof input === 'string' ? yamlDocuments(input, source, limits) : [input];
  const objects: SnapshotObject[] = [];
  for (const document of documents) {
    if (document === null || document === undefined) continue;
    if (valueDepth(document, limits.depth) > limits.depth)
      throw new SnapshotError(
        `${source}: nested more than ${limits.depth} levels deep, over the snapshot limit`,
        'too-large',
      );
    for (const item of itemsOf(document, source)) {
      if (objects.length >= limits.objects)
        throw new SnapshotError(
          `${source}: more than ${limits.objects} objects, over the snapshot limit`,
          'too-large',
        );
      const parsed = snapshotObjectSchema.safeParse({ observedAt, object: item });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new SnapshotError(
          `${source}: item ${objects.length + 1} is not a Kubernetes object (${issue.path.slice(1).join('.') || 'object'}: ${issue.message})`,
          'invalid',
        );
      }
      objects.push({
        observedAt,
        object: withoutSecretValues(parsed.data.object) as SnapshotObject['object'],
      });
    }
  }
  if (objects.length === 0)
    throw new SnapshotError(
      `${source}: neither a Plumbline snapshot nor kubectl output with objects (no format field, no items)`,
      'format',
    );
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cluster: { name: KUBECTL_CLUSTER, server: null },
    exportedAt: observedAt,
    namespaces: null,
    objects,
  };
}

function yamlDocuments(text: string, source: string, limits: SnapshotLimits): unknown[] {
  try {
    return parseYamlValues(text, {
      source,
      limits: {
        ...DEFAULT_YAML_LIMITS,
        fileBytes: Math.min(KUBECTL_YAML_BYTES, limits.decompressedBytes),
        depth: limits.depth,
        documents: limits.objects,
      },
    }).values;
  } catch (error) {
    if (error instanceof YamlError)
      throw new SnapshotError(
        error.reason === 'limit'
          ? error.message
          : `${source}: not a snapshot, and not readable as kubectl YAML: ${error.message}`,
        error.reason === 'limit' ? 'too-large' : 'not-json',
      );
    throw error;
  }
}

function itemsOf(document: unknown, source: string): unknown[] {
  if (typeof document !== 'object' || Array.isArray(document))
    throw new SnapshotError(
      `${source}: neither a Plumbline snapshot nor kubectl output (a document is not an object)`,
      'format',
    );
  const value = document as Record<string, unknown>;
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))
    return value.items;
  return [value];
}
