// The host's last line of defence, driven with a plain event emitter for a process: an unhandled
// rejection or exception is logged under the marker the tests look for and the host keeps
// serving; a burst of uncaught exceptions stops it with exit code 70.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { burstLimit, guardProcess, unhandledMarker } from '../../../main/host/processGuards.ts';

function guarded() {
  const fake = Object.assign(new EventEmitter(), {
    exits: [] as number[],
    exit: (code: number) => void fake.exits.push(code),
  });
  const lines: string[] = [];
  guardProcess((line) => lines.push(line), fake);
  return { fake, lines };
}

describe('the host process guards', () => {
  it('logs an unhandled rejection with its stack and keeps serving', () => {
    const { fake, lines } = guarded();
    fake.emit('unhandledRejection', new Error('render of app x: boom'));
    fake.emit('unhandledRejection', { code: 42 });
    expect(lines[0]).toContain(unhandledMarker);
    expect(lines[0]).toMatch(/still serving\): Error: render of app x: boom\n\s+at /);
    expect(lines[1]).toContain('{"code":42}');
    expect(fake.exits).toEqual([]);
  });

  it('logs an uncaught exception and keeps serving; a burst of them stops the host', () => {
    const { fake, lines } = guarded();
    fake.emit('uncaughtException', new TypeError('x is undefined'));
    expect(lines[0]).toMatch(/an uncaught exception; still serving\): TypeError: x is undefined/);
    for (let i = 1; i < burstLimit.exceptions; i++) fake.emit('uncaughtException', new Error(`again ${i}`));
    expect(fake.exits).toEqual([70]);
    expect(lines.at(-1)).toContain(`${burstLimit.exceptions} uncaught exceptions within 10 s; stopping`);
  });
});
