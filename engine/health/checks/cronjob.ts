// batch/CronJob: Argo CD's built-in Lua check (resource_customizations/batch/CronJob),
// written in TypeScript. A CronJob with no status yet reads as one that never ran.
import { fieldsOf } from '../object.ts';
import { health, HealthCheckError, type HealthResult, type KubeObject } from '../types.ts';

/** Seconds of an RFC 3339 UTC time, matched the way the Lua script matches it. */
function seconds(value: string, field: string): number {
  const m = /(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)Z/.exec(value);
  if (!m)
    throw new HealthCheckError(`CronJob ${field} is not an RFC 3339 UTC time: ${JSON.stringify(value)}`);
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

export function cronJobHealth(obj: KubeObject): HealthResult {
  const cronJob = fieldsOf(obj, 'CronJob');
  if (cronJob.list('status.active').length > 0) return health('Progressing', 'CronJob has active jobs');
  if (!cronJob.has('status.lastScheduleTime')) return health('Healthy', 'CronJob has never run');
  const lastSchedule = seconds(cronJob.str('status.lastScheduleTime'), 'status.lastScheduleTime');
  if (cronJob.has('status.lastSuccessfulTime')) {
    const lastSuccess = seconds(cronJob.str('status.lastSuccessfulTime'), 'status.lastSuccessfulTime');
    if (lastSchedule < lastSuccess) return health('Healthy', 'CronJob has run successfully');
  }
  return health('Degraded', 'CronJob has not run successfully');
}
