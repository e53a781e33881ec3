// The deletion area's calls: the plan the dialog shows, and the deletion itself.
import type { AppDeletionCallName, Handlers } from '../handlers.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';

export function appDeletionHandlers(workspace: WorkspaceSession): Pick<Handlers, AppDeletionCallName> {
  const apps = () => workspace.apps();
  return {
    'apps.deletionPlan': async ({ name, cascade }) => ({
      plan: await (await apps()).deletions.plan(name, cascade),
    }),
    'apps.delete': async ({ name, ...request }) => (await apps()).delete(name, request),
  };
}
