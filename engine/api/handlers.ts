// One function per call of the contract, each a thin step into the engine's services.
import type { CallInput, CallName, CallOutput } from './contract.ts';
import type { EngineHost } from './engine.ts';
import type { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { WorkspaceSession } from '../controller/workspaceSession.ts';
import type { LiveClusters } from '../controller/liveClusters.ts';
import { plumblineVersion } from '../version.ts';
import type { historyCalls } from './contract.ts';
import { historyHandlers } from './handlers/history.ts';
import type { clusterRegistryCalls } from './contract.ts';
import { clusterRegistryHandlers } from './handlers/clusterRegistry.ts';
import type { RegisteredClusters } from '../controller/registeredClusters.ts';
import type { SettingsEditor } from '../controller/settingsEditor.ts';
import type { podSessionCalls } from './contract.ts';
import { podSessionHandlers } from './handlers/podSessions.ts';
import type { resourceCalls } from './contract.ts';
import { resourceHandlers } from './handlers/resources.ts';
import { appSetHandlers } from './handlers/appSets.ts';
import type { PodSessions } from '../controller/podSessions/podSessions.ts';
import type { CallOrigin } from './callOrigin.ts';
import type { snapshotCalls } from './contract.ts';
import { snapshotHandlers } from './handlers/snapshots.ts';
import type { SnapshotService } from '../snapshot/snapshotService.ts';
import type { appDeletionCalls } from './contract.ts';
import { appDeletionHandlers } from './handlers/appDeletion.ts';
import type { gpgKeyCalls } from './contract.ts';
import { gpgKeyHandlers } from './handlers/gpgKeys.ts';
import type { repoCalls } from './contract.ts';
import { repoHandlers } from './handlers/repos.ts';
import type { Repositories } from '../repos/repositories.ts';
import type { ClusterConnection } from '../cluster/index.ts';

/** A call's handler; `origin` is the client connection it came through, when the transport has one. */
export type Handlers = {
  [N in CallName]: (input: CallInput<N>, origin?: CallOrigin) => Promise<CallOutput<N>>;
};
export type PodSessionCallName = keyof typeof podSessionCalls;
export type HistoryCallName = keyof typeof historyCalls;
export type ClusterRegistryCallName = keyof typeof clusterRegistryCalls;
export type ResourceCallName = keyof typeof resourceCalls;
export type SnapshotCallName = keyof typeof snapshotCalls;
export type AppDeletionCallName = keyof typeof appDeletionCalls;
export type GpgKeyCallName = keyof typeof gpgKeyCalls;
export type RepoCallName = keyof typeof repoCalls;

export function callHandlers(services: {
  host: EngineHost;
  kubeconfig: KubeconfigContexts;
  workspace: WorkspaceSession;
  live: LiveClusters;
  clusters: RegisteredClusters;
  pods: PodSessions;
  settings: SettingsEditor;
  snapshots: SnapshotService;
  /** The keychain (remembering what it hands out, to scrub it from output). */
  secrets: SecretStore;
  repositories: Repositories;
  /** The engine's connection to a cluster by name (registered or kubeconfig context). */
  connect: (cluster: string) => Promise<ClusterConnection>;
}): Handlers {
  const { host, kubeconfig, workspace, live, clusters, pods, settings } = services;
  const apps = () => workspace.apps();
  return {
    'app.version': async () => ({
      name: 'Plumbline',
      version: plumblineVersion,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      dataDir: host.dataDir,
    }),
    'clusters.list': () => kubeconfig.list(),
    'clusters.states': async () => ({ states: live.allStates() }),
    'apps.list': async () => ({ apps: (await apps()).list() }),
    'apps.get': async ({ name }) => (await apps()).get(name),
    'apps.create': async ({ definition }) => ({ app: await (await apps()).create(definition) }),
    'apps.update': async ({ name, definition }) => ({ app: await (await apps()).update(name, definition) }),
    'apps.manifests': async ({ name, hardRefresh }) => (await apps()).manifests(name, hardRefresh),
    'apps.refresh': async ({ name, hard }) => ({ app: await (await apps()).refresh(name, hard ?? false) }),
    'apps.tree': async ({ name }) => ({ nodes: (await apps()).live.tree(name) }),
    'apps.diff': async ({ name, revealSecrets }) => ({
      resources: (await apps()).live.diff(name, revealSecrets ?? false),
    }),
    'apps.liveManifest': async ({ name, id }) => ({ yaml: (await apps()).live.liveManifest(name, id) }),
    'apps.resourceEvents': async ({ name, id }) => ({
      events: await (await apps()).live.resourceEvents(name, id),
    }),
    'apps.sync': async ({ name, ...options }) => ({ operation: await (await apps()).sync(name, options) }),
    'projects.list': async () => ({ projects: (await apps()).projects() }),
    'workspace.info': async () => (await apps()).info(),
    'workspace.openDemo': () => workspace.openDemo(),
    'settings.get': () => settings.view(),
    'settings.update': (change) => settings.update(change),
    ...historyHandlers(workspace),
    ...clusterRegistryHandlers(clusters),
    ...podSessionHandlers(pods),
    ...resourceHandlers(workspace),
    ...snapshotHandlers(services.snapshots),
    ...appSetHandlers(workspace, services.secrets),
    ...appDeletionHandlers(workspace),
    ...gpgKeyHandlers(host.dataDir, workspace),
    ...repoHandlers(services.repositories, services.connect),
  };
}
