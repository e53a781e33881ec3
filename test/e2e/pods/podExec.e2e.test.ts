// Commands in a container over the API server's exec WebSocket: the upgrade to a channel
// protocol (101) on the real API server, stdout, stderr and the exit status of a command, an
// interactive terminal that takes input, resizes and closes cleanly, and the restricted user
// refused before any upgrade, with the permission named.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecExit } from '../../../engine/cluster/execChannels.ts';
import { openPodExec, type PodExecRequest } from '../../../engine/cluster/podExec.ts';
import { connect, until } from '../live/liveTestKit.ts';
import { NOT_CONFIGURED, POD_IO_NAMESPACE, kwokServesLogs, runningPod } from './podTestKit.ts';

const admin = connect('plumbline-a');
const pod = runningPod('exec');
let configured = false;

beforeAll(async () => {
  // kwok's ClusterExec comes with its ClusterLogs (test/cluster/podIo.ts): one probe tells both.
  configured = (await kwokServesLogs(admin, pod)).served;
});

const request = (options: Partial<PodExecRequest>): PodExecRequest => ({
  namespace: POD_IO_NAMESPACE,
  pod: pod.name,
  container: pod.container,
  command: ['sh'],
  tty: false,
  ...options,
});

/** Opens a session that records what it hears. */
async function recorded(req: PodExecRequest) {
  const heard = { stdout: '', stderr: '', exit: null as ExecExit | null };
  const session = await openPodExec(admin, req, {
    output: (data, stream) => (heard[stream] += data.toString('utf8')),
    exit: (exit) => (heard.exit = exit),
  });
  return { session, heard };
}

describe('exec through the API server', () => {
  it('upgrades to a channel protocol and reports how the command ended', async () => {
    const { session, heard } = await recorded(
      request({ command: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }),
    );
    // The 101 happened: the server chose one of the protocols offered.
    expect(['v5.channel.k8s.io', 'v4.channel.k8s.io']).toContain(session.protocol);
    await until('the exit status', () => heard.exit, 10_000);
    if (!configured) {
      // Upgraded, then kwok had nothing to run: the refusal arrives on the status channel.
      expect(heard.exit?.message).toMatch(/no exec found for container "main"/);
      return;
    }
    expect(heard.stdout).toBe('out\n');
    expect(heard.stderr).toBe('err\n');
    // kwok reports a failed command as an error with its exit status in the words.
    expect(heard.exit?.message).toMatch(/exit (status|code) 3/);
  });

  it('runs an interactive terminal: input, resize, output, and a clean close', async (context) => {
    if (!configured) context.skip(NOT_CONFIGURED);
    const { session, heard } = await recorded(request({ tty: true, cols: 80, rows: 24 }));
    session.write('echo $((6 * 7))\n');
    await until('the answer in the terminal', () => heard.stdout.includes('42'), 10_000);
    session.resize(120, 40);
    session.write('stty size\n');
    await until('the new size', () => heard.stdout.includes('40 120'), 10_000);
    session.close();
    await until('the exit', () => heard.exit, 10_000);
    expect(heard.exit?.message).toMatch(/the terminal was closed|exit/);
  });

  it('is refused to the restricted user outside its namespace, before any upgrade', async () => {
    const restricted = connect('plumbline-a-restricted');
    const exits: ExecExit[] = [];
    await expect(
      openPodExec(restricted, request({ command: ['true'] }), {
        output: () => undefined,
        exit: (exit) => exits.push(exit),
      }),
    ).rejects.toThrow(
      /^you may not open a terminal in pods in namespace pod-io \(RBAC needs create pods\/exec\): .*403 Forbidden/,
    );
    expect(exits).toEqual([]);
  });
});
