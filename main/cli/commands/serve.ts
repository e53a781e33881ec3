// `plumbline serve`: the headless host. Runs until SIGINT or SIGTERM, then stops cleanly.
import { Command, InvalidArgumentError } from 'commander';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createNodeEngine } from '../../host/nodeHost.ts';
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
      const engine = createNodeEngine({ renderOnStart: true });
      const server = await startServer({ engine, rendererDir, port: options.port });
      process.stdout.write(`Plumbline is serving at ${server.appUrl}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await engine.close();
      process.stdout.write('Plumbline stopped\n');
    });
}
