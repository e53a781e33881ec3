// argoproj.io/Workflow, any version (gitops-engine health_argo.go): the workflow's phase.
import { fieldsOf } from '../object.ts';
import { health, type HealthResult, type HealthStatus, type KubeObject } from '../types.ts';

const BY_PHASE: Record<string, HealthStatus> = {
  '': 'Progressing',
  Pending: 'Progressing',
  Running: 'Progressing',
  Succeeded: 'Healthy',
  Failed: 'Degraded',
  Error: 'Degraded',
};

export function workflowHealth(obj: KubeObject): HealthResult {
  const workflow = fieldsOf(obj, 'argoworkflow');
  return health(BY_PHASE[workflow.str('status.phase')] ?? 'Unknown', workflow.str('status.message'));
}
