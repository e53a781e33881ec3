// The engine facade: builds the engine's services for a host and implements every call of the
// contract on top of them, validating what goes in and what comes out. Hosts reach it through a
// transport, never directly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventListener } from './client.ts';
import { EventBus } from './eventBus.ts';
import { ContractError } from './errors.ts';
import { callHandlers } from './handlers.ts';
import { parseCallInput, parseCallName, parseCallOutput } from './validate.ts';
import { KubeconfigContexts } from '../cluster/kubeconfigContexts.ts';
import { destinationResolver } from '../controller/destinations.ts';
import { KeyedConnections } from '../controller/keyedConnections.ts';
import { RegisteredClusters } from '../controller/registeredClusters.ts';
import { ClusterCandidates, clusterRegistry, sharedExecCredentialCache } from '../clusters/index.ts';
import { WorkspaceSession } from '../controller/workspaceSession.ts';
import { LiveClusters } from '../controller/liveClusters.ts';
import { kubeconfigFiles } from '../cluster/kubeconfigFiles.ts';
import { createRepositoryCache, submodulesEnabled } from '../git/index.ts';
import { WorkLimits } from '../limits/workLimits.ts';
import { scrub, scrubDeep } from '../git/scrub.ts';
import { rememberingSecretStore } from '../secrets/rememberingSecretStore.ts';
import { memorySecretStore, type SecretStore } from '../secrets/secretStore.ts';
import { PredictionStore } from '../store/predictionStore.ts';
import { SettingsFile, type Settings } from '../store/settings.ts';
import { instanceIdentity } from '../store/instanceIdentity.ts';
import { watchFiles } from '../store/fileChanges.ts';
import { OperationLeases } from '../controller/operationLease.ts';
import { lazyHealthCustomizations } from '../controller/healthCustomizations.ts';
import { PodSessions } from '../controller/podSessions/podSessions.ts';
import { SettingsEditor } from '../controller/settingsEditor.ts';
import { appPod } from '../controller/podSessions/appPod.ts';
import type { CallOrigin } from './callOrigin.ts';
import { snapshotsForEngine } from '../snapshot/engineSnapshots.ts';
import { clusterArgoNamespace, connectionByName } from '../controller/appSetArgoNamespace.ts';
import { knownClusters } from '../controller/appSetClusters.ts';
import { storedGeneratorSecret } from '../appset/generatorSecret.ts';
import { RepositoryIndex } from '../repos/repositoryIndex.ts';
import { RepoConnections } from '../repos/repoConnections.ts';
import { Repositories } from '../repos/repositories.ts';
import { renderRepositorySettings } from '../repos/renderRepositories.ts';

/** What the host gives the engine: where data lives, the environment, and the secret store. */
export interface EngineHost {
  dataDir: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** The OS keychain (cluster and git credentials); in memory when the host has none. */
  secrets?: SecretStore;
  /** Render every application at start (long-running hosts); the CLI renders only what it asks. */
  renderOnStart?: boolean;
  /** Where Plumbline's bundled resources (the demo) live; a packaged app keeps them elsewhere. */
  resourcesDir?: string;
  /** How often repositories are checked for new commits; 15 s unless given. */
  repoPollMs?: number;
  /**
   * Compare every application with this snapshot file instead of its cluster (the CLI's
   * --snapshot): nothing is asked of any cluster, nothing is written to one.
   */
  snapshotFile?: string;
}

export interface Engine {
  /** Validates and runs one call; throws a ContractError. `origin` ends what it opens with its client. */
  dispatch(name: unknown, input: unknown, origin?: CallOrigin): Promise<unknown>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export function createEngine(host: EngineHost): Engine {
  const bus = new EventBus();
  const emit = bus.emit.bind(bus);
  const cacheDir = join(host.dataDir, 'cache');
  const kubeconfig = new KubeconfigContexts(host.env, host.homeDir, (list) => {
    emit({ event: 'clusters.changed', payload: list });
    appSetClustersChanged();
  });
  // Every credential read from (or written to) the keychain is scrubbed from all output from then on.
  const secrets = rememberingSecretStore(host.secrets ?? memorySecretStore());
  const files = kubeconfigFiles(host.env, host.homeDir);
  const registry = clusterRegistry(host.dataDir, secrets);
  const connections = new KeyedConnections(files, registry, secrets);
  const live = new LiveClusters(connections, emit, (context, changedKeys) => {
    void workspace.apps().then(
      (apps) => apps.liveChanged(context, changedKeys),
      () => undefined,
    );
  });
  // the last known live state of each cluster, on disk: offline inspection, export and import
  const snapshots = snapshotsForEngine({
    dataDir: host.dataDir,
    ...(host.snapshotFile ? { snapshotFile: host.snapshotFile } : {}),
    registry,
    kubeconfig,
    connections,
    live,
    emit,
    changed: (key, offlineOnly) =>
      void workspace.apps().then(
        (apps) =>
          offlineOnly
            ? apps.list().forEach((app) => void apps.refresh(app.name, false).catch(() => undefined))
            : apps.liveChanged(key),
        () => undefined,
      ),
  });
  // git processes, renders and operations at once, for all applications (setting `concurrency`)
  const limits = new WorkLimits();
  // repositories the user configured: credentials in the keychain, the rest in repositories.json
  const repoIndex = new RepositoryIndex(host.dataDir);
  const repoConnections = new RepoConnections(repoIndex, secrets);
  const repos = createRepositoryCache({
    cacheDir: join(cacheDir, 'git'),
    secrets,
    connectionFor: (url) => repoConnections.connectionFor(url),
    processes: limits.git,
    submodules: async () =>
      submodulesEnabled(
        host.env.PLUMBLINE_GIT_MODULES_ENABLED,
        (await settings.read().catch(() => ({}) as Settings)).gitSubmodules,
      ),
  });
  const repositories = new Repositories({
    index: repoIndex,
    secrets,
    connections: repoConnections,
    git: repos,
    changed: (view) => emit({ event: 'repos.changed', payload: view }),
    // a credential that was missing or wrong takes effect at once for the applications reading
    // there, and for those whose render failed (a chart dependency, an `@name` repository)
    credentialsChanged: (matches) =>
      void workspace.apps().then(
        (apps) =>
          apps
            .list()
            .filter(
              (app) =>
                app.sources.some((source) => matches(source.repoURL)) ||
                app.conditions.some((condition) => condition.type === 'ComparisonError'),
            )
            .forEach((app) => void apps.refresh(app.name, false).catch(() => undefined)),
        () => undefined,
      ),
  });
  const settings = new SettingsFile(host.dataDir);
  void settings.read().then(
    (read) => limits.apply(read.concurrency),
    () => undefined,
  );
  const healthCustomizations = lazyHealthCustomizations(host.env, settings);
  const inClusterDestination = async () =>
    (await settings.read().catch(() => ({}) as Settings)).inClusterDestination;
  let identity: Promise<string> | null = null;
  const leases = new OperationLeases(
    () => (identity ??= instanceIdentity(host.dataDir)),
    async () => (await settings.read().catch(() => ({}) as Settings)).operationLeaseNamespace,
  );
  // dry runs that found nothing to change, so a restart need not ask them again
  const unchangedByApply = new PredictionStore(join(cacheDir, 'predictions.json.gz'));
  const workspace = new WorkspaceSession({
    dataDir: host.dataDir,
    unchangedByApply,
    env: host.env,
    settings,
    healthCustomizations,
    leases,
    ...(host.resourcesDir ? { demoDir: join(host.resourcesDir, 'demo') } : {}),
    repos,
    renderOptions: {
      cacheDir: join(cacheDir, 'render'),
      pathEnv: host.env.PATH,
      slots: limits.render,
      secrets,
      // Helm repositories by name, CAs per host, `insecure`: read at each render
      repositorySettings: renderRepositorySettings(repoIndex, repoConnections),
    },
    operationSlots: limits.operations,
    emit,
    currentContext: async () => (await kubeconfig.list()).currentContext,
    // the bundled demo's snapshot, imported as any file is (the Snapshots list then shows it)
    attachDemoSnapshot: async (file, cluster) => {
      await snapshots.service.importFile(file, { cluster, kind: 'demo', label: 'demo snapshot' });
    },
    renderOnStart: host.renderOnStart ?? true,
    repoPollMs: host.repoPollMs ?? 15_000,
    live,
    appSetClusters: knownClusters(registry, kubeconfig),
    appSetArgoNamespace: clusterArgoNamespace(
      inClusterDestination,
      connectionByName(registry, kubeconfig, connections),
      secrets,
    ),
    appSetScm: async () => ({
      allowedApis: (await settings.read().catch(() => ({}) as Settings)).allowedScmProviders ?? [],
      token: (secretName, key) => storedGeneratorSecret(secrets, secretName, key),
    }),
    destination: snapshots.withOfflineClusters(
      destinationResolver(registry, kubeconfig, inClusterDestination),
    ),
  });
  const clusters = new RegisteredClusters({
    registry,
    candidates: new ClusterCandidates(files, registry, secrets),
    connections,
    live,
    emit,
    // A render resolves the destination again (from the render cache: cheap).
    destinationsChanged: () => {
      void workspace.apps().then(
        (apps) => apps.list().forEach((app) => void apps.refresh(app.name, false).catch(() => undefined)),
        () => undefined,
      );
      appSetClustersChanged();
    },
  });
  // `plumbline cluster add` beside the running app: its change shows at once
  mkdirSync(host.dataDir, { recursive: true });
  const stopRegistryWatch = watchFiles([registry.path], () => clusters.fileChanged());
  const pods = new PodSessions({
    pod: async (name, id) => appPod(await workspace.apps(), live, name, id),
    emit,
  });
  // a device-code login prints its prompt on stderr: the user has to see it to log in
  const stopPluginOutput = sharedExecCredentialCache.listen((cluster, text) =>
    emit({ event: 'clusters.pluginOutput', payload: { cluster: cluster.replace(/^context:/, ''), text } }),
  );
  const settingsEditor = new SettingsEditor({
    file: settings,
    env: host.env,
    emit,
    apply: (next, workspaceChanged) => {
      limits.apply(next.concurrency);
      return workspace.settingsChanged(next, workspaceChanged);
    },
    operationRunning: () => workspace.operationRunning(),
  });
  // a settings file edited by hand applies at once, as an edit in the Settings view does
  const started = settingsEditor.start();
  const stopSettingsWatch = watchFiles([settings.path], () => {
    void started.then(() => settingsEditor.fileChanged()).catch(() => undefined);
  });
  // the clusters generator offers registered clusters and kubeconfig contexts: either list changing regenerates
  function appSetClustersChanged(): void {
    void workspace.apps().then(
      (apps) => apps.appSets.clustersChanged(),
      () => undefined,
    );
  }
  const handlers = callHandlers({
    host,
    kubeconfig,
    workspace,
    live,
    clusters,
    pods,
    settings: settingsEditor,
    snapshots: snapshots.service,
    secrets,
    repositories,
    connect: connectionByName(registry, kubeconfig, connections),
  });

  return {
    async dispatch(rawName, rawInput, origin) {
      const name = parseCallName(rawName);
      const input = parseCallInput(name, rawInput);
      const handler = handlers[name] as (input: unknown, origin?: CallOrigin) => Promise<unknown>;
      let output: unknown;
      try {
        output = await handler(input, origin);
      } catch (error) {
        const failure = ContractError.from(error);
        throw new ContractError(failure.code, scrub(failure.message));
      }
      // Nothing leaves the engine with a credential in it, whichever path it took to get here.
      return scrubDeep(parseCallOutput(name, output));
    },
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      stopPluginOutput();
      stopRegistryWatch();
      stopSettingsWatch();
      pods.close();
      kubeconfig.close();
      await workspace.close();
      await snapshots.close();
      await unchangedByApply.flush();
      live.close();
    },
  };
}
