// The live-resources area's calls: each a step into the application set's AppResources.
import type { Handlers, ResourceCallName } from '../handlers.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';

export function resourceHandlers(workspace: WorkspaceSession): Pick<Handlers, ResourceCallName> {
  const resources = async () => (await workspace.apps()).resources;
  return {
    'resources.actions.list': async ({ name, resource }) => ({
      actions: await (await resources()).actions(name, resource),
    }),
    'resources.actions.run': async ({ name, resource, action, params }) => ({
      resources: await (await resources()).runAction(name, resource, action, params ?? {}),
    }),
  };
}
