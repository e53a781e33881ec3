// `plumbline apps` and `plumbline app NAME`: the applications of the workspace with their three
// statuses (sync, health, last sync) and what holds them (a pin, a closed sync window, a running
// operation), as `argocd app list` and `argocd app get` show them. Without --server the
// applications are rendered and compared first, so the statuses are current.
import { Command } from 'commander';
import type { AppSummary, Condition } from '../../../engine/api/contract.ts';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { usesRunningHost, withEngine } from '../engineSession.ts';
import { outputOption, printJson, printTable, shortSha } from '../output.ts';
import { printable } from '../terminalText.ts';
import { liveSourceLine } from './snapshot.ts';
import { appActionsCommand } from './appActions.ts';
import { appWaitCommand } from './appWait.ts';
import { appDeleteCommand } from './appDelete.ts';
import { appSetCommand } from './appSetFields.ts';
import { appLogsCommand } from './appLogs.ts';
import { appResourceCommand } from './appResource.ts';

function destination(app: AppSummary): string {
  return `${app.destination.name ?? app.destination.server ?? '-'}/${app.destination.namespace ?? 'default'}`;
}

function lastSync(app: AppSummary): string {
  return app.lastSync ? `${app.lastSync.phase} ${app.lastSync.finishedAt ?? ''}`.trim() : 'never';
}

/** What holds the application back, in a few words each. */
function notes(app: AppSummary): string[] {
  return [
    ...(app.operationRunning ? ['operation running'] : []),
    ...(app.pin ? [`pinned to ${shortSha(app.pin.revision)}`] : []),
    ...(app.syncWindows && !app.syncWindows.automated
      ? [app.syncWindows.manual ? 'manual sync only' : 'sync window closed']
      : []),
    ...(app.lease && !app.lease.heldByUs ? [`lease held by ${app.lease.holder}`] : []),
    ...(app.liveSource ? [liveSourceLine(app.liveSource)] : []),
  ];
}

async function current(client: PlumblineClient, names: string[]): Promise<AppSummary[]> {
  if (usesRunningHost())
    return Promise.all(names.map(async (name) => (await client.call('apps.get', { name })).app));
  return Promise.all(names.map(async (name) => (await client.call('apps.refresh', { name })).app));
}

function printApp(app: AppSummary): void {
  const facts: Array<[string, string | null | undefined]> = [
    ['Name', app.name],
    ['Project', app.project],
    ['Destination', destination(app)],
    ...app.sources.map((source, i): [string, string] => [
      app.sources.length > 1 ? `Source ${i + 1}` : 'Source',
      `${source.repoURL} ${source.chart ? `chart ${source.chart}` : (source.path ?? '.')} @ ${source.targetRevision}`,
    ]),
    ['Revision', app.revision ?? 'not resolved'],
    ['Sync', `${app.sync.status}${app.sync.message ? ` (${app.sync.message})` : ''}`],
    ['Health', `${app.health.status}${app.health.message ? ` (${app.health.message})` : ''}`],
    ['Last sync', `${lastSync(app)}${app.lastSync?.message ? ` (${app.lastSync.message})` : ''}`],
    ['Sync windows', app.syncWindows ? (app.syncWindows.message ?? 'open') : null],
    ['Holds', notes(app).join('; ') || null],
  ];
  const width = Math.max(...facts.map(([label]) => label.length));
  for (const [label, value] of facts)
    if (value) process.stdout.write(`${`${label}:`.padEnd(width + 2)}${printable(value)}\n`);
  printInfo(app.info);
  for (const condition of app.conditions)
    process.stdout.write(`${condition.type}: ${printable(condition.message)}\n`);
}

/** `spec.info` as Argo CD's `app get` lists it: one `name: value` line each, under a heading. */
function printInfo(info: AppSummary['info']): void {
  if (info.length === 0) return;
  process.stdout.write('Info:\n');
  for (const { name, value } of info) process.stdout.write(`  ${printable(name)}: ${printable(value)}\n`);
}

/** One line per workspace file that could not be read or is read with a warning: file, line, why. */
function printWorkspaceProblems(problems: Condition[]): void {
  for (const problem of problems) {
    const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : '';
    process.stderr.write(`workspace: ${where}${problem.type}: ${problem.message}\n`);
  }
}

export function appsCommand(): Command {
  return new Command('apps')
    .description('list the applications with their sync, health and last sync')
    .addOption(outputOption())
    .option('--snapshot <file>', 'compare with this snapshot file instead of the clusters (offline)')
    .action(async (options: { output: string; snapshot?: string }) => {
      const [apps, workspaceProblems] = await withEngine(
        async (client) => {
          const { apps: listed } = await client.call('apps.list', {});
          const { problems } = await client.call('workspace.info', {});
          const summaries = await current(
            client,
            listed.map((app) => app.name),
          );
          return [summaries, problems] as const;
        },
        { ...(options.snapshot ? { snapshotFile: options.snapshot } : {}) },
      );
      // Files that gave nothing (unreadable, over a limit, not YAML) never vanish without a word.
      if (options.output === 'json') return printJson({ apps, workspaceProblems });
      printWorkspaceProblems(workspaceProblems);
      if (apps.length === 0) return void process.stdout.write('No applications in the workspace\n');
      printTable(
        ['NAME', 'PROJECT', 'DESTINATION', 'SYNC', 'HEALTH', 'LAST SYNC', 'NOTES'],
        apps.map((app) => [
          app.name,
          app.project,
          destination(app),
          app.sync.status,
          app.health.status,
          lastSync(app),
          notes(app).join('; '),
        ]),
      );
    });
}

export function appCommand(): Command {
  return new Command('app')
    .description('show one application: statuses, sources, sync windows, info and conditions')
    .addCommand(appWaitCommand())
    .addCommand(appActionsCommand())
    .addCommand(appDeleteCommand())
    .addCommand(appSetCommand())
    .addCommand(appLogsCommand())
    .addCommand(appResourceCommand())
    .argument('<name>', 'the application')
    .addOption(outputOption())
    .action(async (name: string, options: { output: string }) => {
      const [app] = await withEngine((client) => current(client, [name]));
      if (options.output === 'json') return printJson(app);
      printApp(app!);
    });
}
