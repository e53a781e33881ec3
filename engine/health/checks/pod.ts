// v1/Pod (gitops-engine health_pod.go). Pods that run to completion (restartPolicy Never
// or OnFailure) are usually hooks, so they stay Progressing while running and image or
// crash back-offs don't make them Degraded — unless `argocd.argoproj.io/ignore-restart-policy:
// "true"` says an operator owns a long-running pod with such a policy (Argo CD 3.5).
import { isHook } from '../hooks.ts';
import { annotation, condition, fieldsOf, requireVersion, type Fields } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export const IGNORE_RESTART_POLICY_ANNOTATION = 'argocd.argoproj.io/ignore-restart-policy';

function waitingInError(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

function failMessage(container: Fields): string {
  if (!container.has('state.terminated')) return '';
  const message = container.str('state.terminated.message');
  if (message !== '') return message;
  const reason = container.str('state.terminated.reason');
  if (reason === 'OOMKilled') return reason;
  const exitCode = container.int('state.terminated.exitCode');
  if (exitCode !== 0)
    return `container ${JSON.stringify(container.str('name'))} failed with exit code ${exitCode}`;
  return '';
}

/**
 * The restart policy the check judges by. The API server defaults it to Always; a pod
 * that asks to ignore its policy (and is not a hook) is judged as Always too.
 */
function effectiveRestartPolicy(obj: KubeObject, declared: string): string {
  const ignore = annotation(obj, IGNORE_RESTART_POLICY_ANNOTATION) === 'true';
  return ignore && !isHook(obj) ? 'Always' : declared || 'Always';
}

export function podHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'Pod', ['v1']);
  const pod = fieldsOf(obj, 'Pod');
  const restartPolicy = effectiveRestartPolicy(obj, pod.str('spec.restartPolicy'));
  const containers = pod.list('status.containerStatuses');
  const message = pod.str('status.message');

  if (restartPolicy === 'Always') {
    const waiting = containers.filter((c) => waitingInError(c.str('state.waiting.reason')));
    if (waiting.length > 0) {
      return health('Degraded', waiting.map((c) => c.str('state.waiting.message')).join(', '));
    }
  }

  switch (pod.str('status.phase')) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed': {
      if (message !== '') return health('Degraded', message);
      for (const container of [...pod.list('status.initContainerStatuses'), ...containers]) {
        const failure = failMessage(container);
        if (failure !== '') return health('Degraded', failure);
      }
      return health('Degraded');
    }
    case 'Running':
      if (restartPolicy === 'Always') {
        if (condition(pod, 'Ready')?.str('status') === 'True') return health('Healthy', message);
        if (containers.some((c) => c.has('lastState.terminated'))) return health('Degraded', message);
        return health('Progressing', message);
      }
      if (restartPolicy === 'OnFailure' || restartPolicy === 'Never') return health('Progressing', message);
  }
  return health('Unknown', message);
}
