// Container logs from a real API server, served by kwok from the files the harness writes: the
// whole log, its tail with timestamps, the previous container's, a followed log that shows a
// line written after it was opened, and the restricted user refused with the permission named.
import type { IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { LogLineSplitter } from '../../../engine/cluster/logLines.ts';
import { openPodLog, type PodLogRequest } from '../../../engine/cluster/podLogs.ts';
import { connect, until } from '../live/liveTestKit.ts';
import {
  NOT_CONFIGURED,
  POD_IO_NAMESPACE,
  PREVIOUS_LINES,
  STARTING_LINES,
  kwokServesLogs,
  runningPod,
  writeLogLine,
} from './podTestKit.ts';

const admin = connect('plumbline-a');
const pod = runningPod('logs');
let served: Awaited<ReturnType<typeof kwokServesLogs>>;

beforeAll(async () => {
  served = await kwokServesLogs(admin, pod);
});

const request = (options: Partial<PodLogRequest> = {}): PodLogRequest => ({
  namespace: POD_IO_NAMESPACE,
  pod: pod.name,
  container: pod.container,
  follow: false,
  previous: false,
  ...options,
});

/** Reads a log response to its end as lines. */
async function linesOf(response: IncomingMessage): Promise<string[]> {
  const splitter = new LogLineSplitter();
  const lines: string[] = [];
  for await (const piece of response) lines.push(...splitter.push(piece as Buffer));
  return [...lines, ...splitter.end()];
}

describe('pod logs through the API server', () => {
  it('reach kwok through the API server (and kwok serves them, or the test says why not)', (context) => {
    if (!served.served) {
      // Without ClusterLogs kwok still answers, so the request path is proven up to kwok.
      expect(served.answer).toMatch(/400 BadRequest: no logs found for container "main"/);
      context.skip(`${NOT_CONFIGURED}; the API server relayed kwok's answer: ${served.answer}`);
    }
    expect(served.served).toBe(true);
  });

  it('read the whole log, and its last line with its time', async (context) => {
    if (!served.served) context.skip(NOT_CONFIGURED);
    const whole = await linesOf(await openPodLog(admin, request()));
    expect(whole.slice(0, 3)).toEqual(STARTING_LINES);
    const tail = await linesOf(await openPodLog(admin, request({ tailLines: 1, timestamps: true })));
    expect(tail).toHaveLength(1);
    expect(tail[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \S/);
  });

  it("read the previous container's log", async (context) => {
    if (!served.served) context.skip(NOT_CONFIGURED);
    expect(await linesOf(await openPodLog(admin, request({ previous: true })))).toEqual(PREVIOUS_LINES);
  });

  it('follow the log: a line written later arrives while the stream stays open', async (context) => {
    if (!served.served) context.skip(NOT_CONFIGURED);
    const abort = new AbortController();
    const response = await openPodLog(admin, request({ follow: true, tailLines: 1, signal: abort.signal }));
    const splitter = new LogLineSplitter();
    const seen: string[] = [];
    response.on('data', (piece: Buffer) => seen.push(...splitter.push(piece)));
    response.on('error', () => undefined); // the abort below ends it
    await until('the current last line', () => seen.length >= 1, 5_000);
    const marker = `followed ${Date.now()}`;
    const started = Date.now();
    await writeLogLine(marker);
    await until('the line written after opening', () => seen.includes(marker), 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.destroyed).toBe(false);
    abort.abort();
  });

  it('are refused to the restricted user outside its namespace, naming the permission', async () => {
    const restricted = connect('plumbline-a-restricted');
    await expect(openPodLog(restricted, request())).rejects.toThrow(
      /^you may not read logs of pods in namespace pod-io \(RBAC needs get pods\/log\): .*403 Forbidden/,
    );
  });
});
