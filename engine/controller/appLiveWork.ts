// What users see and do of an application's live objects, built from what Applications knows:
// the views (tree, diff, manifests, events), a user's work on one object (actions, delete, edit)
// and the objects of its namespaces that no application tracks (the project's orphanedResources).
import type { Application } from '../model/index.ts';
import { AppActivity } from '../store/appActivity.ts';
import type { LoadedApplication, Workspace } from '../workspace/index.ts';
import { AppLiveViews } from './appLiveViews.ts';
import { AppOrphans, ORPHAN_CONDITION } from './appOrphans.ts';
import type { AppRenders } from './appRenders.ts';
import { AppResources } from './appResources.ts';
import type { ApplicationsDeps } from './applicationsDeps.ts';
import type { LiveComparisons } from './liveComparisons.ts';
import { liveTarget } from './liveTarget.ts';

export interface AppLiveWorkDeps {
  engine: Pick<ApplicationsDeps, 'live' | 'healthCustomizations' | 'dataDir' | 'workspaceDir'>;
  renders: AppRenders;
  comparisons: LiveComparisons;
  find(name: string): LoadedApplication;
  validApp(name: string): Application;
  projects(): Workspace['projects'];
  /** Names of the applications that exist. */
  applications(): Set<string>;
  /** Shows one problem of this condition type on the application (null: none). */
  problem(name: string, type: string, message: string | null): void;
  compare(name: string): Promise<void>;
  refresh(name: string): Promise<unknown>;
}

export interface AppLiveWork {
  live: AppLiveViews;
  resources: AppResources;
  orphans: AppOrphans;
}

export function appLiveWork(deps: AppLiveWorkDeps): AppLiveWork {
  const { engine, renders } = deps;
  const live = new AppLiveViews(deps.find, deps.comparisons, (name) => renders.context(name));
  const resources = new AppResources({
    target: (name) =>
      liveTarget(name, deps.validApp(name), deps.projects(), renders.destinationCluster(name)),
    tree: (name) => live.tree(name),
    connection: (context) => engine.live.connection(context),
    actionSources: async () => ({
      dir: await engine.healthCustomizations.folder(),
      defined: await engine.healthCustomizations.actions(),
    }),
    activity: new AppActivity(engine.dataDir, engine.workspaceDir),
    changed: (name) => void deps.compare(name),
    // a CLI engine renders nothing at start: the first call renders and compares the application
    ready: async (name) => {
      if (live.tree(name).length === 0) await deps.refresh(name);
    },
  });
  const orphans = new AppOrphans({
    target: (name) => resources.target(name),
    tree: (name) => live.tree(name),
    connection: (context) => engine.live.connection(context),
    applications: deps.applications,
    warn: (name, message) => deps.problem(name, ORPHAN_CONDITION, message),
  });
  return { live, resources, orphans };
}
