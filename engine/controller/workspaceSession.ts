// Which workspace is open: PLUMBLINE_WORKSPACE, the user's setting, or the default folder — or
// the bundled demo once the user opens it. Switching closes one Applications and starts another.
import { join } from 'node:path';
import type { WorkspaceInfo } from '../api/contract.ts';
import type { SettingsFile } from '../store/settings.ts';
import { materializeDemo, resolveWorkspaceDir } from '../workspace/index.ts';
import { Applications, type ApplicationsDeps } from './applications.ts';

export interface WorkspaceSessionDeps extends Omit<ApplicationsDeps, 'workspaceDir' | 'isDemo'> {
  dataDir: string;
  env: Record<string, string | undefined>;
  settings: SettingsFile;
  /** The bundled demo, when not beside the engine's source (a packaged app). */
  demoDir?: string;
  /** The kubeconfig context the demo deploys to. */
  currentContext(): Promise<string | null>;
}

export class WorkspaceSession {
  private current: Promise<Applications>;

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
    const { workspaceDir } = await materializeDemo(this.deps.dataDir, {
      clusterName,
      ...(this.deps.demoDir ? { demoDir: this.deps.demoDir } : {}),
    });
    await this.deps.settings.update({ workspace: workspaceDir });
    (await this.current.catch(() => null))?.close();
    this.current = this.open();
    this.current.catch(() => undefined);
    const info = (await this.current).info();
    this.deps.emit({ event: 'workspace.changed', payload: info });
    this.deps.emit({ event: 'apps.changed', payload: { apps: (await this.current).list() } });
    return info;
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
    const renderOptions = {
      ...this.deps.renderOptions,
      ...(settings.tools ? { toolSettings: settings.tools } : {}),
    };
    const apps = new Applications({ ...this.deps, renderOptions, workspaceDir, isDemo });
    await apps.start();
    return apps;
  }
}
