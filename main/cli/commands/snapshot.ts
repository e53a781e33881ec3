// `plumbline snapshot export|import|list|remove`: snapshots of clusters' live state, for drift
// inspection offline. Export reads a cluster that answers now into a file (gzip JSON, Secret
// values removed); import attaches a file (or `kubectl get -o yaml` output) to a registered
// cluster, a context, or an offline-only cluster applications can name as their destination.
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { readSnapshotFile } from '../../../engine/snapshot/snapshotService.ts';
import { writeFileAtomic } from '../../../engine/workspace/atomic-write.ts';
import { withEngine } from '../engineSession.ts';
import { collect } from '../optionValues.ts';
import { outputOption, printJson, printTable } from '../output.ts';

interface ExportOptions {
  context?: string;
  cluster?: string;
  namespace: string[];
  output: string;
}

function exportCommand(): Command {
  return new Command('export')
    .description('write a snapshot file of a cluster that answers now (no Secret values)')
    .addOption(new Option('--context <name>', 'a kubeconfig context').conflicts('cluster'))
    .option('--cluster <name>', 'a registered cluster')
    .option('--namespace <name>', 'only this namespace (repeatable); cluster-scoped objects too', collect, [])
    .requiredOption('--output <file>', 'the snapshot file to write')
    .action(async (options: ExportOptions) => {
      if (!options.context && !options.cluster) throw new Error('give --context NAME or --cluster NAME');
      const { contentBase64 } = await withEngine((client) =>
        client.call('snapshots.export', {
          ...(options.cluster ? { cluster: options.cluster } : { context: options.context! }),
          ...(options.namespace.length ? { namespaces: options.namespace } : {}),
        }),
      );
      const bytes = Buffer.from(contentBase64, 'base64');
      await writeFileAtomic(options.output, bytes);
      process.stdout.write(`wrote ${options.output} (${bytes.length} bytes)\n`);
    });
}

function importCommand(): Command {
  return new Command('import')
    .description('attach a snapshot file (or kubectl get -o yaml output) to a cluster for offline inspection')
    .argument('<file>', 'the snapshot file')
    .option(
      '--cluster <name>',
      'a registered cluster, a context, or a new offline-only cluster (default: the name in the file)',
    )
    .action(async (file: string, options: { cluster?: string }) => {
      const { bytes } = await readSnapshotFile(file);
      const imported = await withEngine((client) =>
        client.call('snapshots.import', {
          contentBase64: bytes.toString('base64'),
          ...(options.cluster ? { cluster: options.cluster } : {}),
        }),
      );
      process.stdout.write(
        `imported ${basename(file)} for cluster ${imported.cluster}: ${imported.objects} objects\n`,
      );
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('list the snapshots kept in the data folder')
    .addOption(outputOption())
    .action(async (options: { output: string }) => {
      const { snapshots } = await withEngine((client) => client.call('snapshots.list', {}));
      if (options.output === 'json') return printJson({ snapshots });
      if (snapshots.length === 0) return void process.stdout.write('No snapshots\n');
      printTable(
        ['CLUSTER', 'KIND', 'AS OF', 'OBJECTS', 'OFFLINE ONLY'],
        snapshots.map((s) => [s.cluster, s.kind, s.asOf, String(s.objects), s.offlineOnly ? 'yes' : 'no']),
      );
    });
}

function removeCommand(): Command {
  return new Command('remove')
    .description("remove a cluster's snapshot (an offline-only cluster goes with it)")
    .argument('<cluster>', 'the cluster')
    .action(async (cluster: string) => {
      const { removed } = await withEngine((client) => client.call('snapshots.remove', { cluster }));
      if (!removed) throw new Error(`no snapshot of cluster ${cluster}`);
      process.stdout.write(`removed the snapshot of ${cluster}\n`);
    });
}

export function snapshotCommand(): Command {
  return new Command('snapshot')
    .description('snapshots of clusters for offline drift inspection: export, import, list, remove')
    .addCommand(exportCommand())
    .addCommand(importCommand())
    .addCommand(listCommand())
    .addCommand(removeCommand());
}

/** Where statuses not from the live cluster come from, said plainly. */
export function liveSourceLine(source: { kind: string; asOf: string; reason: string }): string {
  return `${source.kind === 'demo' ? 'demo snapshot' : 'not live'}: as of ${source.asOf}, ${source.reason}`;
}
