// `plumbline diff --app NAME`: how the cluster differs from git for one application. Exits 0
// when it is in sync, 1 when it is not (or when it cannot be compared).
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { resourceDiffText } from '../resourceDiffText.ts';
import { liveSourceLine } from './snapshot.ts';

export function diffCommand(): Command {
  return new Command('diff')
    .description('show how the live objects of an application differ from git')
    .requiredOption('--app <name>', 'the application')
    .option('--snapshot <file>', 'compare with this snapshot file instead of the cluster (offline)')
    .action(async (options: { app: string; snapshot?: string }) => {
      const { app, resources } = await withEngine(
        async (client) => {
          const refreshed = await client.call('apps.refresh', { name: options.app });
          return {
            app: refreshed.app,
            resources: (await client.call('apps.diff', { name: options.app })).resources,
          };
        },
        { ...(options.snapshot ? { snapshotFile: options.snapshot } : {}) },
      );
      if (app.liveSource) process.stderr.write(`${liveSourceLine(app.liveSource)}\n`);
      if (app.sync.status === 'Unknown')
        throw new Error(`${app.name}: cannot compare: ${app.sync.message ?? 'unknown'}`);
      for (const resource of resources.filter((r) => r.status !== 'Synced'))
        process.stdout.write(resourceDiffText(resource));
      process.stdout.write(
        `${app.name}: ${app.sync.status}${app.sync.message ? ` (${app.sync.message})` : ''}\n`,
      );
      if (app.sync.status !== 'Synced') process.exitCode = 1;
    });
}
