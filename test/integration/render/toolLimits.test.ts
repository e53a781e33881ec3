// The limits every tool process runs under, with real processes: a tool writing too much, taking
// too much memory or too long is killed together with what it started, and the error says which
// limit it met; a binary that does not exist says so.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTool, ToolArgs, ToolError } from '../../../engine/tools/index.ts';
import { treeResidentBytes } from '../../../engine/tools/memoryWatch.ts';
import { tempDir } from '../../support/tempDir.ts';

const dir = tempDir('plumbline-toollimits-');
const linux = process.platform === 'linux';

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ToolError,
  );

let chatty: string;
let sleeper: string;
beforeAll(async () => {
  chatty = await script('chatty', 'yes manifest-line-of-text');
  // A parent that starts a child and waits: both must go when the limit is met.
  sleeper = await script('sleeper', `sleep 30 & echo $! > "${join(dir, 'child.pid')}"\nwait`);
});

describe('tool limits', () => {
  it('stops a tool whose output goes over the limit', async () => {
    const error = await failure(runTool(chatty, new ToolArgs('x'), { maxOutputBytes: 256 * 1024 }));
    expect(error).toBeInstanceOf(ToolError);
    expect(error?.limit).toBe('output');
    expect(error?.message).toBe('chatty was stopped: its output is over the limit of 0.3 MB');
  });

  it('stops a tool at its time limit, and the process it started with it', async () => {
    const started = Date.now();
    const error = await failure(runTool(sleeper, new ToolArgs(), { timeoutMs: 500 }));
    expect(error?.limit).toBe('time');
    expect(error?.message).toBe('sleeper timed out after 0.5s');
    expect(Date.now() - started).toBeLessThan(5000);
    if (linux) {
      const { readFile } = await import('node:fs/promises');
      const child = Number(await readFile(join(dir, 'child.pid'), 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Gone, or a zombie waiting for a reaper: either way no longer running.
      const state = await readFile(`/proc/${child}/status`, 'utf8').catch(() => 'State:\tgone');
      expect(/^State:\s+(\w+)/m.exec(state)?.[1], 'the child sleep is stopped too').toMatch(/^(gone|Z)$/);
    }
  });

  it.runIf(linux)('stops a tool over the memory limit, saying how much it used', async () => {
    // node holding 200 MB of touched memory stands in for a runaway helm.
    const hog = await script(
      'hog',
      `exec "${process.execPath}" -e "const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b, 30000)"`,
    );
    const error = await failure(runTool(hog, new ToolArgs(), { maxMemoryBytes: 100 * 1024 * 1024 }));
    expect(error?.limit).toBe('memory');
    expect(error?.message).toMatch(
      /^hog was stopped: it used \d+(\.\d)? MB of memory, over the limit of 100 MB$/,
    );
  });

  it.runIf(linux)('counts the resident memory of a process and its children', async () => {
    expect(await treeResidentBytes(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('says when a binary does not exist, and gives stderr for a failing one', async () => {
    const missing = await failure(runTool(join(dir, 'nothing'), new ToolArgs()));
    expect(missing?.message).toBe(`nothing could not be started: ${join(dir, 'nothing')} does not exist`);
    const failing = await script('failing', 'echo "Error: chart broken" >&2; exit 3');
    const error = await failure(runTool(failing, new ToolArgs()));
    expect(error?.message).toBe('Error: chart broken');
    expect(error?.exitCode).toBe(3);
  });

  it('hands the arguments over exactly, operands after --', async () => {
    const echo = await script('echoargs', 'for a in "$@"; do printf "%s\\n" "$a"; done');
    const { stdout } = await runTool(
      echo,
      new ToolArgs('template').option('--namespace', 'a b', 'namespace').operand('rel', 'release'),
    );
    expect(stdout.split('\n').filter(Boolean)).toEqual(['template', '--namespace=a b', '--', 'rel']);
  });
});
