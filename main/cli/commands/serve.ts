// `plumbline serve`: the headless host. Runs until SIGINT or SIGTERM, then stops cleanly.
import { Command, InvalidArgumentError } from 'commander';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createNodeEngine } from '../../host/nodeHost.ts';
import { guardProcess } from '../../host/processGuards.ts';
import { startServer } from '../../server/server.ts';

export const rendererDir = fileURLToPath(new URL('../../../renderer/dist', import.meta.url));

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port number');
  return port;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the Plumbline UI and API on 127.0.0.1 for a browser')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, 7420)
    .action(async (options: { port: number }) => {
      if (!existsSync(rendererDir))
        throw new Error('the renderer is not built: run `npm run build:renderer` first');
      // Installed before the URL is printed: a signal that arrives before Node has a listener
      // kills the process outright instead of stopping it cleanly; they stay installed so a
      // library's signal-exit hook never finds itself alone and re-raises the signal.
      const stopped = new Promise<void>((resolve) => {
        process.on('SIGINT', resolve);
        process.on('SIGTERM', resolve);
      });
      guardProcess((line) => void process.stderr.write(`plumbline serve: ${line}\n`));
      const engine = createNodeEngine({ renderOnStart: true });
      const server = await startServer({ engine, rendererDir, port: options.port }).catch(
        async (error: unknown) => {
          await engine.close();
          throw error;
        },
      );
      process.stdout.write(`Plumbline is serving at ${server.appUrl}\n`);
      await stopped;
      await server.close();
      await engine.close();
      process.stdout.write('Plumbline stopped\n');
      // Everything is closed; a DNS lookup still pending for an unreachable cluster must not
      // keep a stopped server alive.
      process.exit(0);
    });
}
