// autoscaling/HorizontalPodAutoscaler (gitops-engine health_hpa.go). autoscaling/v1 keeps
// its conditions as JSON in an annotation; later versions in status.conditions.
import { annotation, fieldsOf, requireVersion } from '../object.ts';
import { health, HealthCheckError, type HealthResult, type KubeObject } from '../types.ts';

export const HPA_V1_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';

interface HpaCondition {
  type: string;
  reason: string;
  message: string;
  status: string;
}

const WAITING = health('Progressing', 'Waiting to Autoscale');

/** The condition reasons that mean the autoscaler cannot do its job. */
const DEGRADED: ReadonlyArray<readonly [type: string, reason: string]> = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'FailedGetContainerResourceMetric'],
  ['ScalingActive', 'FailedGetPodsMetric'],
  ['ScalingActive', 'FailedGetObjectMetric'],
  ['ScalingActive', 'FailedGetExternalMetric'],
  ['ScalingActive', 'InvalidSelector'],
];

/**
 * A failing condition anywhere makes the autoscaler Degraded; otherwise the first that
 * says it is able to scale (or limited by its bounds) makes it Healthy; else it waits.
 * (Argo CD since 3.4 looks for failures first; before, the first deciding condition won.)
 */
function judge(conditions: HpaCondition[]): HealthResult {
  const failing = conditions.find((c) =>
    DEGRADED.some(([type, reason]) => c.type === type && c.reason === reason),
  );
  if (failing) return health('Degraded', failing.message);
  const able = conditions.find(
    (c) => (c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True',
  );
  return able ? health('Healthy', able.message) : WAITING;
}

/** A field of a decoded annotation condition; Go's JSON decoding matches names without case. */
function stringField(item: Record<string, unknown>, name: string): string {
  const key = Object.keys(item).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : item[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new HealthCheckError(
      `failed to convert conditions annotation to typed: field ${name} must be a string, not ${typeof value}`,
    );
  }
  return value;
}

function annotationConditions(text: string): HpaCondition[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (error) {
    throw new HealthCheckError(
      `failed to convert conditions annotation to typed: ${(error as Error).message}`,
    );
  }
  if (decoded === null) return [];
  if (!Array.isArray(decoded)) {
    throw new HealthCheckError('failed to convert conditions annotation to typed: expected a JSON list');
  }
  return decoded.map((item: unknown) => {
    const fields = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    return {
      type: stringField(fields, 'type'),
      reason: stringField(fields, 'reason'),
      message: stringField(fields, 'message'),
      status: stringField(fields, 'status'),
    };
  });
}

export function hpaHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'HPA', ['v1', 'v2beta1', 'v2beta2', 'v2']);
  if (obj.apiVersion === 'autoscaling/v1') {
    const text = annotation(obj, HPA_V1_CONDITIONS_ANNOTATION);
    if (text === undefined) return WAITING;
    const conditions = annotationConditions(text);
    return conditions.length === 0 ? WAITING : judge(conditions);
  }
  const conditions = fieldsOf(obj, 'HPA')
    .list('status.conditions')
    .map((c) => ({
      type: c.str('type'),
      reason: c.str('reason'),
      message: c.str('message'),
      status: c.str('status'),
    }));
  return judge(conditions);
}
