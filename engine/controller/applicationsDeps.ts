// What the application set of a workspace is given by the engine, and what a sync may ask for.
import type { EngineEvent } from '../api/contract.ts';
import type { ArgoNamespaceSource, ClusterSource, ScmAccess } from '../appset/index.ts';
import type { RepositoryCache } from '../git/index.ts';
import type { Limiter } from '../limits/limiter.ts';
import type { RenderOptions } from '../render/index.ts';
import type { Settings } from '../store/settings.ts';
import type { PredictionStore } from '../store/predictionStore.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import type { DestinationResolution } from './destinations.ts';
import type { HealthCustomizationsLoader } from './healthCustomizations.ts';
import type { LiveClusters } from './liveClusters.ts';
import type { OperationLeases } from './operationLease.ts';

export interface ApplicationsDeps {
  workspaceDir: string;
  isDemo: boolean;
  repos: RepositoryCache;
  renderOptions: Omit<RenderOptions, 'commitSha' | 'refSources' | 'refCommitShas' | 'hardRefresh'>;
  /** Operations (syncs, rollbacks) of all applications running at once: Argo CD's operation processors. */
  operationSlots?: Limiter;
  emit(event: EngineEvent): void;
  renderOnStart: boolean;
  /** How often repositories are asked for new commits (ls-remote). */
  repoPollMs: number;
  /** Where an application deploys: a kubeconfig context, or why there is none. */
  destination(app: LoadedApplication): Promise<DestinationResolution | null>;
  live: LiveClusters;
  healthCustomizations: HealthCustomizationsLoader;
  dataDir: string;
  /** Dry runs that changed nothing, kept across restarts (none: every start asks them again). */
  unchangedByApply?: PredictionStore;
  leases: OperationLeases;
  settings: { read(): Promise<Settings> };
  /** The clusters an ApplicationSet's clusters generator offers (registered clusters, kube contexts); none when absent. */
  appSetClusters?: ClusterSource;
  /** Argo CD's namespace for the clusterDecisionResource and plugin generators; none when absent. */
  appSetArgoNamespace?: () => Promise<ArgoNamespaceSource | undefined>;
  /** The SCM APIs sets may call and the tokens they may use (scmProvider, pullRequest). */
  appSetScm?: () => Promise<ScmAccess>;
}

export interface SyncRequest {
  prune?: boolean;
  dryRun?: boolean;
  resources?: string[];
  syncOptions?: string[];
  confirmPrune?: boolean;
}
