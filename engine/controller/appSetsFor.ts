// The ApplicationSets of one workspace, given what the applications of that workspace are given:
// its repositories, the clusters Plumbline knows, helm (the user's setting, the PATH, the bundled
// one) to render goTemplate sets, and whether a long-running host runs them.
import { join } from 'node:path';
import { staticClusters } from '../appset/index.ts';
import { resolveTool } from '../tools/index.ts';
import type { ApplicationsDeps } from './applicationsDeps.ts';
import { AppSets, type AppSetsDeps } from './appSets.ts';

export function appSetsFor(
  deps: ApplicationsDeps,
  hooks: Pick<AppSetsDeps, 'applicationsChanged' | 'pruneResources'>,
): AppSets {
  const render = deps.renderOptions;
  return new AppSets({
    dataDir: deps.dataDir,
    workspaceDir: deps.workspaceDir,
    repos: deps.repos,
    clusters: deps.appSetClusters ?? staticClusters([]),
    ...(deps.appSetArgoNamespace ? { argoNamespace: deps.appSetArgoNamespace } : {}),
    ...(deps.appSetScm ? { scm: deps.appSetScm } : {}),
    goTemplate: async () => {
      const helm = await resolveTool('helm', {
        settingPath: render.toolSettings?.helm,
        pathEnv: render.pathEnv,
        cacheDir: render.cacheDir,
        bundledDir: render.bundledToolsDir,
      });
      return { helmPath: helm.path, cacheDir: join(render.cacheDir, 'appset-templates') };
    },
    live: deps.renderOnStart,
    repoPollMs: deps.repoPollMs,
    emit: (event) => deps.emit(event),
    ...hooks,
  });
}
