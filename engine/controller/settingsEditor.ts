// The Settings view's side of the engine: shows config.json's settings, writes the user's edits
// (a folder or tool that does not exist is refused), and applies every change at once, whether
// made here or in the file by hand. A change already applied is not applied again.
import { stat } from 'node:fs/promises';
import type { EditableSettings, EngineEvent, SettingsView } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { editableOf, withChanges } from '../store/editableSettings.ts';
import type { Settings, SettingsFile } from '../store/settings.ts';

export interface SettingsEditorDeps {
  file: SettingsFile;
  env: Record<string, string | undefined>;
  emit(event: EngineEvent): void;
  /** Applies settings that changed; `workspaceChanged`: a new workspace folder is to be opened. */
  apply(settings: Settings, workspaceChanged: boolean): Promise<void>;
  /** Whether an operation runs in the open workspace. */
  operationRunning(): Promise<boolean>;
}

const workspaceChanged = (before: Settings, after: Settings) =>
  (before.workspace ?? null) !== (after.workspace ?? null);

/** What decides the engine's behaviour: a change elsewhere in the file (window size) is none. */
function effective(settings: Settings): string {
  return JSON.stringify([
    editableOf(settings),
    settings.resourceHealthChecks ?? null,
    settings.concurrency ?? null,
  ]);
}

async function refuseMissing(path: string | null | undefined, what: string, folder: boolean): Promise<void> {
  if (!path) return;
  const found = await stat(path).catch(() => null);
  if (!found) throw new ContractError('invalid-input', `${what}: nothing at ${path}`);
  if (folder !== found.isDirectory())
    throw new ContractError('invalid-input', `${what}: ${path} is ${folder ? 'not a folder' : 'a folder'}`);
}

export class SettingsEditor {
  private applied: Settings | null = null;

  constructor(private readonly deps: SettingsEditorDeps) {}

  /** The settings as they are now; the file's problem, if it cannot be read. */
  async view(): Promise<SettingsView> {
    const read = await this.deps.file.read().then(
      (settings) => ({ settings, problem: null }),
      (error: Error) => ({ settings: {} as Settings, problem: error.message }),
    );
    return {
      path: this.deps.file.path,
      settings: editableOf(read.settings),
      fromEnvironment: {
        workspace: this.deps.env.PLUMBLINE_WORKSPACE || null,
        healthCustomizations: this.deps.env.PLUMBLINE_HEALTH_CUSTOMIZATIONS || null,
      },
      resourceHealthChecks: Object.keys(read.settings.resourceHealthChecks ?? {}).sort(),
      problem: read.problem,
    };
  }

  async update(change: Partial<EditableSettings>): Promise<SettingsView> {
    await refuseMissing(change.workspace, 'workspace', true);
    await refuseMissing(change.healthCustomizations, 'health customizations', true);
    for (const [tool, path] of Object.entries(change.tools ?? {})) await refuseMissing(path, tool, false);
    const current = await this.deps.file.read();
    const next = withChanges(current, change);
    if (workspaceChanged(current, next) && (await this.deps.operationRunning()))
      throw new ContractError('failed', 'a sync is running in this workspace; switch when it has ended');
    await this.deps.file.replace(next);
    await this.applyIfChanged(next);
    return this.view();
  }

  /** Remembers the settings the engine started with, so that only later changes are applied. */
  async start(): Promise<void> {
    this.applied = await this.deps.file.read().catch(() => ({}));
  }

  /** The file changed on disk (by hand, or by another process). */
  async fileChanged(): Promise<void> {
    const settings = await this.deps.file.read().catch(() => null);
    // an unreadable file keeps what was applied; the view says what is wrong with it
    if (settings) await this.applyIfChanged(settings);
    else this.deps.emit({ event: 'settings.changed', payload: await this.view() });
  }

  private async applyIfChanged(settings: Settings): Promise<void> {
    const before = this.applied ?? {};
    if (effective(before) === effective(settings)) return;
    this.applied = settings;
    await this.deps.apply(settings, workspaceChanged(before, settings));
    this.deps.emit({ event: 'settings.changed', payload: await this.view() });
  }
}
