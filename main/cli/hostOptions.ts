// The global options that point the CLI at a running headless host: --server URL and --token T
// (or PLUMBLINE_SERVER and PLUMBLINE_TOKEN). Without them every command runs the engine itself.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { useHost } from './engineSession.ts';

function parseServer(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol))
    throw new InvalidArgumentError('expected the URL `plumbline serve` printed, e.g. http://127.0.0.1:7420/');
  return url;
}

export function hostOptions(): Option[] {
  return [
    new Option(
      '--server <url>',
      'use the running `plumbline serve` at this URL instead of an engine of its own',
    )
      .env('PLUMBLINE_SERVER')
      .argParser(parseServer),
    new Option('--token <token>', "the host's token (default: the URL's #token=)").env('PLUMBLINE_TOKEN'),
  ];
}

/** Commands that work on this machine's own files and keychain, never through a host. */
const localOnly = new Set(['serve', 'cluster']);

/** Before each command: where its engine runs, or a usage error when the options do not fit. */
export function selectEngine(program: Command, action: Command): void {
  const { server, token } = program.opts<{ server?: URL; token?: string }>();
  const given = (option: string) => program.getOptionValueSource(option) === 'cli';
  if (!server) {
    if (given('token')) program.error('error: --token needs --server');
    return;
  }
  let command = action;
  while (command.parent && command.parent !== program) command = command.parent;
  if (localOnly.has(command.name())) {
    // An exported PLUMBLINE_SERVER must not stop anyone from starting a host or registering a cluster.
    if (given('server')) program.error(`error: ${command.name()} runs on this machine only; drop --server`);
    return;
  }
  const fromUrl = new URLSearchParams(server.hash.slice(1)).get('token');
  const chosen = given('token') ? token : (fromUrl ?? token);
  if (!chosen)
    program.error(
      "error: --server needs the host's token: --token, PLUMBLINE_TOKEN, or the URL with its #token= as `plumbline serve` prints it",
    );
  useHost({ server, token: chosen });
}
