// `plumbline refresh NAME [--hard]`: fetches the application's source again and compares it with
// the cluster; --hard renders again instead of using the render cache. Prints the new status.
import { Command } from 'commander';
import type { AppSummary } from '../../../engine/api/contract.ts';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson, shortSha } from '../output.ts';

/** `api: OutOfSync, Healthy at 1a2b3c4 (pinned)` with the conditions on their own lines. */
export function statusLine(app: AppSummary): string {
  const revision = app.revision ? ` at ${shortSha(app.revision)}` : '';
  const pin = app.pin ? ` (pinned to ${shortSha(app.pin.revision)})` : '';
  const conditions = app.conditions.map((c) => `\n  ${c.type}: ${c.message}`).join('');
  return `${app.name}: ${app.sync.status}, ${app.health.status}${revision}${pin}${conditions}\n`;
}

export function refreshCommand(): Command {
  return new Command('refresh')
    .description("fetch an application's source again and compare it with the cluster")
    .argument('<name>', 'the application')
    .option('--hard', 'render again instead of using the render cache')
    .addOption(outputOption())
    .action(async (name: string, options: { hard?: boolean; output: string }) => {
      const { app } = await withEngine((client) =>
        client.call('apps.refresh', { name, hard: options.hard ?? false }),
      );
      if (options.output === 'json') printJson(app);
      else process.stdout.write(statusLine(app));
    });
}
