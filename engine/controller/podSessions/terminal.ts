// One terminal in a container: a TTY exec whose output reaches the client as text (a character
// cut between two messages is kept until it is whole) and whose exit is reported once.
import { StringDecoder } from 'node:string_decoder';
import type { ClusterConnection } from '../../cluster/clusterConnection.ts';
import type { ExecExit } from '../../cluster/execChannels.ts';
import { openPodExec, type PodExecRequest, type PodExecSession } from '../../cluster/podExec.ts';

export interface TerminalListener {
  output(text: string): void;
  exit(exit: ExecExit): void;
}

/** bash where the image has it, else sh: Kubernetes has no notion of a default shell. */
export const DEFAULT_SHELL = ['/bin/sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

export function openTerminal(
  connection: ClusterConnection,
  request: Omit<PodExecRequest, 'tty'>,
  listener: TerminalListener,
): Promise<PodExecSession> {
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  return openPodExec(
    connection,
    { ...request, tty: true },
    {
      output(data, stream) {
        const text = decoders[stream].write(data);
        if (text) listener.output(text);
      },
      exit(exit) {
        const rest = decoders.stdout.end() + decoders.stderr.end();
        if (rest) listener.output(rest);
        listener.exit(exit);
      },
    },
  );
}
