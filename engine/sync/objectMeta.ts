// Reading the few metadata fields a sync needs from loosely typed objects.
import type { KubeObject } from '../diff/index.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function metadataOf(obj: KubeObject): Record<string, unknown> {
  return isRecord(obj.metadata) ? obj.metadata : {};
}

export function metadataString(obj: KubeObject, field: string): string | undefined {
  const value = metadataOf(obj)[field];
  return typeof value === 'string' ? value : undefined;
}

export function annotationsOf(obj: KubeObject): Record<string, unknown> {
  const annotations = metadataOf(obj).annotations;
  return isRecord(annotations) ? annotations : {};
}

export function annotation(obj: KubeObject | undefined, name: string): string | undefined {
  const value = obj ? annotationsOf(obj)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export { isRecord };
