// The CLI's log streams over a client of the contract, here a plain object that answers
// pods.logs calls: lines prefixed with pod/container only when several pods are read, events
// that come before their call's answer kept, an opening refused for one pod counted and said.
import { describe, expect, it } from 'vitest';
import type { EventListener, PlumblineClient } from '../../../engine/api/client.ts';
import type { EngineEvent, TreeNode } from '../../../engine/api/contract.ts';
import { streamPodLogs } from '../../../main/cli/logs/logStreams.ts';

function pod(name: string): TreeNode {
  return {
    id: `/Pod/shop/${name}`,
    key: { group: '', kind: 'Pod', namespace: 'shop', name },
    parentIds: [],
    managed: false,
    health: null,
    sync: null,
    info: [],
  };
}

/** Each pod's log is `line of <pod>`; its events go out before the start call answers. */
function client(refused: string[] = []): PlumblineClient {
  const listeners = new Set<EventListener>();
  const emit = (event: EngineEvent) => listeners.forEach((listener) => listener(event));
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    call: (async (name: string, input: { id: string }) => {
      if (name !== 'pods.logs.start') return { stopped: true };
      const podName = input.id.split('/').at(-1)!;
      if (refused.includes(podName)) throw new Error(`pods "${podName}" is forbidden`);
      const streamId = `s-${podName}`;
      emit({ event: 'pods.logs.chunk', payload: { streamId, lines: [`line of ${podName}`] } });
      emit({ event: 'pods.logs.end', payload: { streamId, reason: 'the log ended', failed: false } });
      return { streamId, container: 'main', containers: ['main'] };
    }) as PlumblineClient['call'],
  };
}

async function read(pods: TreeNode[], refused: string[] = []) {
  const lines: string[] = [];
  const problems: string[] = [];
  const failed = await streamPodLogs(
    client(refused),
    'shop',
    pods,
    { follow: false },
    {
      line: (text) => lines.push(text),
      problem: (text) => problems.push(text),
    },
  ).done;
  return { lines, problems, failed };
}

describe('streamPodLogs', () => {
  it('prints one pod without a prefix, even when its lines came before the answer', async () => {
    expect(await read([pod('web-a')])).toEqual({ lines: ['line of web-a'], problems: [], failed: 0 });
  });

  it('prefixes pod/container when several pods are read, and says which one failed', async () => {
    const result = await read([pod('web-a'), pod('web-b'), pod('web-c')], ['web-b']);
    expect(result.lines.sort()).toEqual(['[web-a/main] line of web-a', '[web-c/main] line of web-c']);
    expect(result.problems).toEqual(['pod shop/web-b: pods "web-b" is forbidden']);
    expect(result.failed).toBe(1);
  });
});
