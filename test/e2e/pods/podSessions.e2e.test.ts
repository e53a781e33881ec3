// Pod logs and terminals through the contract, on the engine with a real cluster: a session opens
// only on a pod of the application's tree, its events follow the call's answer, and it ends when
// the client stops it, when the client's connection closes, and when the engine closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionScope } from '../../../engine/api/callOrigin.ts';
import type { EngineEvent } from '../../../engine/api/contract.ts';
import { type Engine } from '../../../engine/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import { connect, until } from '../live/liveTestKit.ts';
import {
  NOT_CONFIGURED,
  STARTING_LINES,
  kwokServesLogs,
  podIoApplication,
  writeLogLine,
} from './podTestKit.ts';
import { testEngine } from '../../support/testEngine.ts';

const root = tempDir();
const { workspace } = podIoApplication(root, 'tail');
const events: EngineEvent[] = [];
let engine: Engine;
let podId: string;
let configured = false;

/** Calls the engine as one client connection would. */
const call = (scope: ConnectionScope, name: string, input: object) =>
  engine.dispatch(name, input, scope) as Promise<Record<string, unknown>>;

const eventsOf = <N extends EngineEvent['event']>(name: N, id: string) =>
  events.filter(
    (event): event is Extract<EngineEvent, { event: N }> =>
      event.event === name &&
      ('streamId' in event.payload
        ? event.payload.streamId
        : (event.payload as { sessionId: string }).sessionId) === id,
  );

beforeAll(async () => {
  ({ engine } = testEngine(root, workspace));
  engine.subscribe((event) => events.push(event));
  const scope = new ConnectionScope();
  podId = await until(
    'a Running pod in the tree',
    async () => {
      const { nodes } = (await call(scope, 'apps.tree', { name: 'tail' })) as {
        nodes: { id: string; key: { kind: string }; info: string[] }[];
      };
      return nodes.find((node) => node.key.kind === 'Pod' && node.info.includes('Running'))?.id;
    },
    60_000,
  );
  const name = podId.split('/')[3] ?? '';
  configured = (await kwokServesLogs(connect('plumbline-a'), { name, container: 'tail' })).served;
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('pod sessions through the contract', () => {
  it('refuses an object that is not a pod of the application', async () => {
    const scope = new ConnectionScope();
    await expect(
      call(scope, 'pods.logs.start', { name: 'tail', id: 'apps/Deployment/pod-io/tail', follow: false }),
    ).rejects.toThrow(/apps\/Deployment\/pod-io\/tail is not a pod of application tail/);
    await expect(
      call(scope, 'pods.logs.start', { name: 'tail', id: '/Pod/kube-system/other', follow: false }),
    ).rejects.toThrow(/is not a pod of application tail/);
  });

  it('streams a followed log in chunks, and ends it when the connection closes', async (context) => {
    if (!configured) context.skip(NOT_CONFIGURED);
    const scope = new ConnectionScope();
    const started = await call(scope, 'pods.logs.start', { name: 'tail', id: podId, follow: true });
    expect(started.containers).toEqual(['tail']);
    const streamId = started.streamId as string;
    const lines = () => eventsOf('pods.logs.chunk', streamId).flatMap((event) => event.payload.lines);
    await until('the starting lines', () => STARTING_LINES.every((line) => lines().includes(line)), 10_000);
    const marker = `through the contract ${Date.now()}`;
    await writeLogLine(marker);
    await until('the line written later', () => lines().includes(marker), 5_000);
    scope.close();
    await until('the end of the stream', () => eventsOf('pods.logs.end', streamId).length === 1, 5_000);
    expect(eventsOf('pods.logs.end', streamId)[0]?.payload).toEqual({
      streamId,
      reason: 'stopped',
      failed: false,
    });
    expect(await call(new ConnectionScope(), 'pods.logs.stop', { streamId })).toEqual({ stopped: false });
  });

  it("sends a session's output to the connection that opened it, not to every client", async (context) => {
    if (!configured) context.skip(NOT_CONFIGURED);
    const mine: EngineEvent[] = [];
    const scope = new ConnectionScope((event) => mine.push(event));
    const { streamId } = (await call(scope, 'pods.logs.start', {
      name: 'tail',
      id: podId,
      follow: false,
    })) as {
      streamId: string;
    };
    await until('its lines', () => mine.some((e) => e.event === 'pods.logs.end'), 10_000);
    expect(mine.some((e) => e.event === 'pods.logs.chunk' && e.payload.streamId === streamId)).toBe(true);
    expect(eventsOf('pods.logs.chunk', streamId)).toEqual([]);
    scope.close();
  });

  it('runs a terminal: input, resize, output, and an exit when stopped', async (context) => {
    if (!configured) context.skip(NOT_CONFIGURED);
    const scope = new ConnectionScope();
    const { sessionId } = (await call(scope, 'pods.exec.start', {
      name: 'tail',
      id: podId,
      cols: 80,
      rows: 24,
    })) as {
      sessionId: string;
    };
    const output = () =>
      eventsOf('pods.exec.output', sessionId)
        .map((event) => event.payload.data)
        .join('');
    await call(scope, 'pods.exec.resize', { sessionId, cols: 100, rows: 30 });
    await call(scope, 'pods.exec.input', { sessionId, data: 'stty size; echo $((6 * 7))\n' });
    await until('the answer', () => output().includes('42'), 10_000);
    expect(output()).toContain('30 100');
    expect(await call(scope, 'pods.exec.stop', { sessionId })).toEqual({ stopped: true });
    await until('the exit', () => eventsOf('pods.exec.exit', sessionId).length === 1, 10_000);
    await expect(call(scope, 'pods.exec.input', { sessionId, data: 'x' })).rejects.toThrow(/is not open/);
  });

  it('ends every open session when the engine closes', async (context) => {
    if (!configured) context.skip(NOT_CONFIGURED);
    const scope = new ConnectionScope();
    const { streamId } = (await call(scope, 'pods.logs.start', {
      name: 'tail',
      id: podId,
      follow: true,
    })) as {
      streamId: string;
    };
    await engine.close();
    await until('the end of the stream', () => eventsOf('pods.logs.end', streamId).length === 1, 5_000);
  });
});
