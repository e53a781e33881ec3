// batch/Job (gitops-engine health_job.go; Argo CD later moved the same rules to Lua).
import { fieldsOf, requireVersion } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function jobHealth(obj: KubeObject): HealthResult {
  requireVersion(obj, 'Job', ['v1']);
  const job = fieldsOf(obj, 'Job');
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMessage = '';
  let message = '';
  for (const c of job.list('status.conditions')) {
    // Argo CD reads the condition type alone for Failed and Complete, not its status.
    switch (c.str('type')) {
      case 'Failed':
        failed = complete = true;
        failMessage = c.str('message');
        break;
      case 'Complete':
        complete = true;
        message = c.str('message');
        break;
      case 'Suspended':
        complete = true;
        message = c.str('message');
        if (c.str('status') === 'True') suspended = true;
        break;
    }
  }
  if (!complete) return health('Progressing', message);
  if (failed) return health('Degraded', failMessage);
  // Argo CD reports the (empty) failure message for a suspended job.
  if (suspended) return health('Suspended', failMessage);
  return health('Healthy', message);
}
