// The podSessions area's calls: pod logs and terminals, each a step into the open sessions.
import type { Handlers, PodSessionCallName } from '../handlers.ts';
import type { PodSessions } from '../../controller/podSessions/podSessions.ts';

export function podSessionHandlers(pods: PodSessions): Pick<Handlers, PodSessionCallName> {
  return {
    'pods.logs.start': (input, origin) => pods.startLogs(input, origin),
    'pods.logs.stop': async ({ streamId }) => ({ stopped: pods.stopLogs(streamId) }),
    'pods.exec.start': (input, origin) => pods.startTerminal(input, origin),
    'pods.exec.input': async ({ sessionId, data }) => {
      pods.terminal(sessionId).write(data);
      return {};
    },
    'pods.exec.resize': async ({ sessionId, cols, rows }) => {
      pods.terminal(sessionId).resize(cols, rows);
      return {};
    },
    'pods.exec.stop': async ({ sessionId }) => ({ stopped: pods.stopTerminal(sessionId) }),
  };
}
