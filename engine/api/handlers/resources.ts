// The live-resources area's calls: each a step into the application set's AppResources.
import type { Handlers, ResourceCallName } from '../handlers.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';
import { AppResourceEdits } from '../../controller/appResourceEdits.ts';

export function resourceHandlers(workspace: WorkspaceSession): Pick<Handlers, ResourceCallName> {
  const resources = async () => (await workspace.apps()).resources;
  const edits = async () => new AppResourceEdits(await resources());
  return {
    'apps.orphans': async ({ name }) => {
      const apps = await workspace.apps();
      await apps.resources.ready(name);
      return apps.orphans.list(name);
    },
    'apps.events': async ({ name }) => ({ events: await (await resources()).events(name) }),
    'resources.delete': async ({ name, resource, propagation, force }) => ({
      deleted: await (await edits()).delete(name, resource, propagation ?? 'foreground', force ?? false),
    }),
    'resources.manifest': async ({ name, resource }) => (await edits()).manifest(name, resource),
    'resources.edit': async ({ name, resource, yaml, dryRun }) =>
      (await edits()).edit(name, resource, yaml, dryRun),
    'resources.actions.list': async ({ name, resource }) => ({
      actions: await (await resources()).actions(name, resource),
    }),
    'resources.actions.run': async ({ name, resource, action, params }) => ({
      resources: await (await resources()).runAction(name, resource, action, params ?? {}),
    }),
  };
}
