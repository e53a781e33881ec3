// The exec WebSocket framing: what goes out on stdin, resize and close, and how the server's
// messages are read (output channels, the final Status, empty and unknown frames).
import { describe, expect, it } from 'vitest';
import {
  EXEC_PROTOCOLS,
  closeStdinFrame,
  exitOf,
  readFrame,
  resizeFrame,
  stdinFrame,
} from '../../../engine/cluster/execChannels.ts';

const frame = (channel: number, text: string): Buffer =>
  Buffer.concat([Buffer.of(channel), Buffer.from(text)]);

describe('exec channel framing', () => {
  it('offers v5 before v4', () => {
    expect(EXEC_PROTOCOLS).toEqual(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  });

  it('sends stdin on channel 0, text as UTF-8 and bytes as they are', () => {
    expect([...stdinFrame('ls\n')]).toEqual([0, 0x6c, 0x73, 0x0a]);
    expect([...stdinFrame('é')]).toEqual([0, 0xc3, 0xa9]);
    expect([...stdinFrame(Uint8Array.of(3))]).toEqual([0, 3]);
  });

  it('sends a resize on channel 4 as {"Width","Height"}', () => {
    const sent = resizeFrame(120, 40);
    expect(sent[0]).toBe(4);
    expect(JSON.parse(sent.subarray(1).toString())).toEqual({ Width: 120, Height: 40 });
  });

  it('closes stdin with channel 255 naming channel 0 (v5)', () => {
    expect([...closeStdinFrame()]).toEqual([255, 0]);
  });

  it('reads stdout and stderr, and ignores empty frames and channels a client does not read', () => {
    expect(readFrame(frame(1, 'out'))).toEqual({
      kind: 'output',
      stream: 'stdout',
      data: Buffer.from('out'),
    });
    expect(readFrame(frame(2, 'err'))).toEqual({
      kind: 'output',
      stream: 'stderr',
      data: Buffer.from('err'),
    });
    expect(readFrame(Buffer.alloc(0))).toBeNull();
    expect(readFrame(Buffer.of(1))).toBeNull();
    expect(readFrame(frame(4, 'x'))).toBeNull();
  });

  it('reads the Status on channel 3 as the exit', () => {
    expect(readFrame(frame(3, '{"metadata":{},"status":"Success"}'))).toEqual({
      kind: 'exit',
      exit: { code: 0, message: 'the process exited with code 0' },
    });
  });
});

describe('the exit Status', () => {
  it('takes the exit code from the ExitCode cause', () => {
    const status = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: exit status 3',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(exitOf(JSON.stringify(status))).toEqual({ code: 3, message: 'the process exited with code 3' });
  });

  it("keeps the server's words when no code is given", () => {
    const status = { status: 'Failure', reason: 'InternalError', message: 'no exec found for container "c"' };
    expect(exitOf(JSON.stringify(status))).toEqual({
      code: null,
      message: 'no exec found for container "c"',
    });
  });

  it('passes text that is not JSON through', () => {
    expect(exitOf(' broken \n')).toEqual({ code: null, message: 'broken' });
  });
});
