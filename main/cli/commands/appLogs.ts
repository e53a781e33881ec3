// `plumbline app logs NAME`: the logs of an application's pods, as `argocd app logs` reads them —
// every pod of the application, or the pods of one of its objects (a Deployment, StatefulSet,
// Job…) through owner references — streamed through the pod log sessions of the engine or of a
// running host. With --follow it runs until the logs end or Ctrl-C.
import { Command, Option } from 'commander';
import { usesRunningHost, withEngine } from '../engineSession.ts';
import { MAX_LOGGED_PODS, describeQuery, selectedPods, type PodQuery } from '../logs/podSelection.ts';
import { streamPodLogs, type LogOutput } from '../logs/logStreams.ts';
import { durationSeconds, positiveInteger } from '../optionValues.ts';
import { printable } from '../terminalText.ts';

interface LogsOptions extends PodQuery {
  container?: string;
  follow: boolean;
  previous: boolean;
  tail?: number;
  since?: number;
}

/** On a terminal a log's escape sequences are shown, not obeyed; a file or pipe gets them as written. */
function output(): LogOutput {
  const onTerminal = process.stdout.isTTY === true;
  return {
    line: (text) => process.stdout.write(`${onTerminal ? printable(text) : text}\n`),
    problem: (text) => process.stderr.write(`${printable(text)}\n`),
  };
}

export function appLogsCommand(): Command {
  return new Command('logs')
    .description("print the logs of the application's pods (or of one object's pods)")
    .argument('<app>', 'the application')
    .option('--kind <kind>', 'only pods of objects of this kind (Deployment, StatefulSet, Job, Pod…)')
    .option('--name <name>', 'only pods of objects of this name')
    .option('--namespace <namespace>', 'only pods of objects in this namespace')
    .option('--group <group>', 'only pods of objects of this API group')
    .option('-c, --container <container>', "this container (default: each pod's first)")
    .option('-f, --follow', 'keep printing new lines until Ctrl-C', false)
    .option('-p, --previous', "the container's previous run (after a restart)", false)
    .addOption(
      new Option('--tail <lines>', 'only the last lines of each log').argParser(positiveInteger(1_000_000)),
    )
    .addOption(
      new Option('--since <duration>', 'only lines newer than this (30s, 5m, 1h)').argParser(
        durationSeconds(315_360_000),
      ),
    )
    .action(async (app: string, options: LogsOptions) => {
      const query: PodQuery = {
        ...(options.kind !== undefined ? { kind: options.kind } : {}),
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
        ...(options.group !== undefined ? { group: options.group } : {}),
      };
      const failed = await withEngine(async (client, session) => {
        // this process's own engine knows the live tree once it has compared the application
        if (!usesRunningHost()) await client.call('apps.refresh', { name: app });
        const pods = selectedPods((await client.call('apps.tree', { name: app })).nodes, query);
        if (pods.length === 0) throw new Error(`no pods of ${describeQuery(query)} in application ${app}`);
        if (pods.length > MAX_LOGGED_PODS)
          throw new Error(
            `${pods.length} pods of ${describeQuery(query)}: at most ${MAX_LOGGED_PODS} are read at once (as Argo CD); give --kind and --name of one object`,
          );
        const sessions = streamPodLogs(
          client,
          app,
          pods,
          {
            follow: options.follow,
            previous: options.previous,
            ...(options.container !== undefined ? { container: options.container } : {}),
            ...(options.tail !== undefined ? { tailLines: options.tail } : {}),
            ...(options.since !== undefined ? { sinceSeconds: options.since } : {}),
          },
          output(),
        );
        const stop = () => void sessions.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // a host that stops ends a followed log with its reason instead of leaving it waiting
        let finished = false;
        const lost = session.lost.then((reason) => {
          if (!finished) process.stderr.write(`${reason}\n`);
          return 1;
        });
        try {
          return await Promise.race([sessions.done, lost]);
        } finally {
          finished = true;
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
      if (failed > 0) process.exitCode = 1;
    });
}
