// The history area's calls: each a step into the application set.
import type { HistoryCallName, Handlers } from '../handlers.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';

export function historyHandlers(workspace: WorkspaceSession): Pick<Handlers, HistoryCallName> {
  const apps = () => workspace.apps();
  return {
    'apps.history': async ({ name }) => ({ history: await (await apps()).history(name) }),
    'apps.commits': async ({ name, limit }) => (await apps()).commits(name, limit ?? 50),
    'apps.rollbackPreview': async (target) => (await apps()).rollbackPreview(target),
    'apps.rollback': async (request) => (await apps()).rollback(request),
    'apps.resumeAutoSync': async ({ name }) => ({ app: await (await apps()).resumeAutoSync(name) }),
    'apps.terminate': async ({ name }) => ({ terminating: (await apps()).terminate(name) }),
  };
}
