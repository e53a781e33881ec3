// The history area's calls: each a step into the application set.
import type { HistoryCallName, Handlers } from '../handlers.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';

export function historyHandlers(workspace: WorkspaceSession): Pick<Handlers, HistoryCallName> {
  const rollbacks = async () => (await workspace.apps()).rollbacks;
  const apps = () => workspace.apps();
  return {
    'apps.history': async ({ name }) => ({ history: await (await rollbacks()).history(name) }),
    'apps.commits': async ({ name, limit }) => (await rollbacks()).commits(name, limit ?? 50),
    'apps.rollbackPreview': async (target) => (await rollbacks()).preview(target),
    'apps.rollback': async (request) => (await rollbacks()).rollback(request),
    'apps.resumeAutoSync': async ({ name }) => ({ app: await (await rollbacks()).resumeAutoSync(name) }),
    'apps.terminate': async ({ name }) => ({ terminating: (await apps()).terminate(name) }),
  };
}
