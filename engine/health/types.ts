// The vocabulary of resource health, as Argo CD words it, and the minimal shape of a
// Kubernetes object that the health checks read.

export const HEALTH_STATUSES = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface HealthResult {
  status: HealthStatus;
  /** Absent when the check has nothing to add (Argo CD's empty message). */
  message?: string;
}

/**
 * A Kubernetes object as plain JSON (decoded YAML or an API response). Structural and
 * loose on purpose: the checks validate the few fields they read.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMeta;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  generation?: number;
  annotations?: Record<string, string>;
  finalizers?: string[];
  deletionTimestamp?: string | null;
  [field: string]: unknown;
}

/** A built-in check. Throws {@link HealthCheckError} where Argo CD's check returns an error. */
export type HealthCheck = (obj: KubeObject) => HealthResult;

/** What Argo CD reports as a check's error: the object becomes Unknown with this message. */
export class HealthCheckError extends Error {
  override name = 'HealthCheckError';
}

export function isHealthStatus(value: unknown): value is HealthStatus {
  return typeof value === 'string' && (HEALTH_STATUSES as readonly string[]).includes(value);
}

/** A result, leaving out an empty message as Argo CD's JSON does. */
export function health(status: HealthStatus, message?: string): HealthResult {
  return message ? { status, message } : { status };
}
