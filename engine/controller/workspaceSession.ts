// Which workspace is open: PLUMBLINE_WORKSPACE, the user's setting, or the default folder — or
// the bundled demo once the user opens it. Switching closes one Applications and starts another.
// Other settings apply to the open one: tool paths and health checks from its next render on,
// and a new reconciliation period.
import { join } from 'node:path';
import type { WorkspaceInfo } from '../api/contract.ts';
import type { RenderSettings, ToolSettings } from '../render/types.ts';
import type { Settings, SettingsFile } from '../store/settings.ts';
import { DEMO_OFFLINE_CLUSTER, materializeDemo, resolveWorkspaceDir } from '../workspace/index.ts';
import { Applications, type ApplicationsDeps } from './applications.ts';

export interface WorkspaceSessionDeps extends Omit<ApplicationsDeps, 'workspaceDir' | 'isDemo'> {
  dataDir: string;
  env: Record<string, string | undefined>;
  settings: SettingsFile;
  /** The bundled demo, when not beside the engine's source (a packaged app). */
  demoDir?: string;
  /** The kubeconfig context the demo deploys to. */
  currentContext(): Promise<string | null>;
  /**
   * Attaches the bundled demo snapshot to the offline demo cluster (the demo then works with no
   * cluster at all); without it the demo's applications have no live state to show.
   */
  attachDemoSnapshot?(file: string, cluster: string): Promise<void>;
}

export class WorkspaceSession {
  private current: Promise<Applications>;
  /** The user's tool paths, shared by every render and changed in place. */
  private readonly tools: ToolSettings = {};
  /** The `render` setting (limits, remote inputs), shared by every render and changed in place. */
  private readonly renderSettings: RenderSettings = {};
  /** The config management plugin files of the settings, shared by every render and changed in place. */
  private readonly pluginFiles: string[] = [];

  constructor(private readonly deps: WorkspaceSessionDeps) {
    this.current = this.open();
    // a workspace that cannot be opened is reported to every call that needs it, not as a crash
    this.current.catch(() => undefined);
  }

  apps(): Promise<Applications> {
    return this.current;
  }

  async openDemo(): Promise<WorkspaceInfo> {
    const clusterName = (await this.deps.currentContext()) ?? undefined;
    const demo = await materializeDemo(this.deps.dataDir, {
      clusterName,
      ...(this.deps.demoDir ? { demoDir: this.deps.demoDir } : {}),
    });
    // before the workspace opens, so its first comparison already finds the demo cluster
    if (demo.clusterName === DEMO_OFFLINE_CLUSTER)
      await this.deps.attachDemoSnapshot?.(demo.snapshotFile, DEMO_OFFLINE_CLUSTER);
    await this.deps.settings.update({ workspace: demo.workspaceDir });
    return this.reopen();
  }

  /** Applies changed settings: a new workspace folder is opened, the rest apply to the open one. */
  async settingsChanged(settings: Settings, workspaceChanged: boolean): Promise<void> {
    this.useTools(settings.tools);
    this.useRenderSettings(settings.render);
    this.usePluginFiles(settings.configManagementPlugins);
    this.deps.healthCustomizations.reset();
    if (workspaceChanged) await this.reopen();
    else (await this.current).settingsChanged(settings);
  }

  /** Whether an operation runs in the open workspace (switching would abandon it). */
  async operationRunning(): Promise<boolean> {
    const apps = await this.current.catch(() => null);
    return apps?.list().some((app) => app.operationRunning) ?? false;
  }

  private async reopen(): Promise<WorkspaceInfo> {
    (await this.current.catch(() => null))?.close();
    this.current = this.open();
    this.current.catch(() => undefined);
    const info = (await this.current).info();
    this.deps.emit({ event: 'workspace.changed', payload: info });
    const apps = (await this.current).list();
    this.deps.emit({ event: 'apps.changed', payload: { changed: apps, removed: [], reset: true } });
    return info;
  }

  private useRenderSettings(render: RenderSettings | undefined): void {
    for (const key of Object.keys(this.renderSettings))
      delete this.renderSettings[key as keyof RenderSettings];
    Object.assign(this.renderSettings, render);
  }

  private usePluginFiles(files: readonly string[] | undefined): void {
    this.pluginFiles.splice(0, this.pluginFiles.length, ...(files ?? []));
  }

  private useTools(tools: ToolSettings | undefined): void {
    for (const name of Object.keys(this.tools) as Array<keyof ToolSettings>) delete this.tools[name];
    Object.assign(this.tools, tools);
  }

  async close(): Promise<void> {
    (await this.current.catch(() => null))?.close();
  }

  private async open(): Promise<Applications> {
    const settings = await this.deps.settings.read();
    const workspaceDir = resolveWorkspaceDir({
      env: this.deps.env,
      settingsWorkspace: settings.workspace,
      dataDir: this.deps.dataDir,
    });
    const isDemo = workspaceDir === join(this.deps.dataDir, 'demo', 'workspace');
    // the user's tool paths come first, before PATH and the bundled tools
    this.useTools(settings.tools);
    this.useRenderSettings(settings.render);
    this.usePluginFiles(settings.configManagementPlugins);
    const renderOptions = {
      ...this.deps.renderOptions,
      toolSettings: this.tools,
      renderSettings: this.renderSettings,
      configManagementPlugins: this.pluginFiles,
    };
    // a change of the applications is a progressive sync's cue (Argo CD requeues the owning set)
    const emit: typeof this.deps.emit = (event) => {
      this.deps.emit(event);
      if (event.event === 'apps.changed') apps.appSets.rollouts.request();
    };
    const apps = new Applications({ ...this.deps, emit, renderOptions, workspaceDir, isDemo });
    await apps.start();
    apps.appSets.rollouts.attach(apps);
    return apps;
  }
}
