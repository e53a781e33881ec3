// Hostile and careless kubeconfigs: named in KUBECONFIG as a FIFO, a device, a folder, a /proc
// path or a link loop, or holding alias bombs, deep nesting, huge fields and odd exec commands.
// Each is refused at once with a message naming the file, and the good kubeconfig beside it is
// still read.
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { kubeConfigForContext } from '../../engine/cluster/kubeConfigForContext.ts';
import { readKubeContexts } from '../../engine/cluster/readKubeContexts.ts';
import { importFromKubeconfig } from '../../engine/clusters/importFromKubeconfig.ts';
import { tempDir } from '../support/tempDir.js';
import { badInputCases } from './corpus.ts';
import { billionLaughs } from './yamlInputs.ts';

const dir = tempDir('plumbline-kubeconfigs-');
let count = 0;

function kubeconfig(name: string, user: Record<string, unknown> = { token: 'abc' }): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster: { server: `https://${name}.example.test` } }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name } }],
  });
}

/** A fresh file path in the case folder, written with `content` when given. */
function file(content?: string | Buffer): string {
  const path = join(dir, `kubeconfig-${++count}`);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

/** Reads `bad` then a good kubeconfig; the good one's context must be listed. */
async function contextsWith(bad: string) {
  const good = file(kubeconfig('good'));
  const list = await readKubeContexts([bad, good]);
  expect(list.contexts.map((c) => c.name)).toContain('good');
  return list;
}

function expectProblem(list: Awaited<ReturnType<typeof readKubeContexts>>, file: string, message: RegExp) {
  expect(list.problems).toContainEqual({ file, message: expect.stringMatching(message) });
}

function errorOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

badInputCases('kubeconfigs', [
  {
    name: 'KUBECONFIG naming a FIFO',
    outcome: 'a problem "is a FIFO (named pipe)" at once; the next file is read',
    timeoutMs: 10_000,
    run: async () => {
      const fifo = file();
      execFileSync('mkfifo', [fifo]);
      const list = await contextsWith(fifo);
      expectProblem(list, fifo, /is a FIFO \(named pipe\); only regular files are read/);
      return list;
    },
  },
  {
    name: 'a FIFO when connecting to a context (synchronous read)',
    outcome: 'a refusal naming the FIFO, no wait',
    timeoutMs: 10_000,
    run: async () => {
      const fifo = file();
      execFileSync('mkfifo', [fifo]);
      const message = errorOf(() => kubeConfigForContext([fifo], 'any'));
      expect(message).toMatch(/FIFO/);
      return message;
    },
  },
  {
    name: 'KUBECONFIG naming a folder',
    outcome: 'a problem "is a folder"',
    run: async () => {
      const list = await contextsWith(dir);
      expectProblem(list, dir, /is a folder/);
      return list;
    },
  },
  {
    name: 'KUBECONFIG naming /dev/zero',
    outcome: 'refused as a kernel pseudo-file, never read without end',
    run: async () => {
      const list = await contextsWith('/dev/zero');
      expectProblem(list, '/dev/zero', /kernel pseudo-file/);
      return list;
    },
  },
  {
    name: 'KUBECONFIG naming /proc/self/environ',
    outcome: 'refused as a kernel pseudo-file: the environment is never read',
    run: async () => {
      const list = await contextsWith('/proc/self/environ');
      expectProblem(list, '/proc/self/environ', /kernel pseudo-file/);
      return list;
    },
  },
  {
    name: 'a link to /proc/self/fd/0 (standard input)',
    outcome: 'refused as a kernel pseudo-file, no wait on standard input',
    timeoutMs: 10_000,
    run: async () => {
      const link = file();
      symlinkSync('/proc/self/fd/0', link);
      const list = await contextsWith(link);
      expectProblem(list, link, /pseudo-file|not a regular file|only regular files/);
      return list;
    },
  },
  {
    name: 'a symbolic link loop',
    outcome: 'a problem naming the link loop',
    run: async () => {
      const a = file();
      const b = file();
      symlinkSync(b, a);
      symlinkSync(a, b);
      const list = await contextsWith(a);
      expectProblem(list, a, /link loop/);
      return list;
    },
  },
  {
    name: 'a missing file in KUBECONFIG',
    outcome: 'skipped as kubectl skips it: no problem',
    run: async () => {
      const list = await contextsWith(join(dir, 'nowhere'));
      expect(list.problems).toEqual([]);
      return list;
    },
  },
  {
    name: 'a kubeconfig that is a billion-laughs alias bomb',
    outcome: 'a problem on the alias limit',
    run: async () => {
      const bomb = file(billionLaughs());
      const list = await contextsWith(bomb);
      expectProblem(list, bomb, /limits\.yamlAliases/);
      return list;
    },
  },
  {
    name: 'a kubeconfig of 1,000 nested brackets',
    outcome: 'a problem on the nesting limit',
    run: async () => {
      const deep = file(`clusters: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
      const list = await contextsWith(deep);
      expectProblem(list, deep, /nesting depth/);
      return list;
    },
  },
  {
    name: 'a 20 MB kubeconfig',
    outcome: 'a problem on the size limit, before it is read',
    run: async () => {
      const big = file(`# ${'x'.repeat(20 * 1024 * 1024)}\n`);
      const list = await contextsWith(big);
      expectProblem(list, big, /10 MiB \(setting limits\.yamlFileBytes\)/);
      return list;
    },
  },
  {
    name: 'a kubeconfig with a 5 MB token and a 1 MB context name',
    outcome: 'listed (under the limits); the token never appears in what is returned',
    run: async () => {
      const token = `tok${'t'.repeat(5 * 1024 * 1024)}`;
      const config = JSON.parse(kubeconfig('huge', { token })) as { contexts: Array<{ name: string }> };
      const huge = file(JSON.stringify(config));
      const list = await contextsWith(huge);
      expect(list.contexts.map((c) => c.name)).toContain('huge');
      expect(JSON.stringify(list)).not.toContain('tokttttttttttttttttt');
      return { contexts: list.contexts.map((c) => c.name), problems: list.problems };
    },
  },
  {
    name: 'a token-file naming a FIFO',
    outcome: 'connecting refuses it at once, naming the token file',
    timeoutMs: 10_000,
    run: async () => {
      const fifo = file();
      execFileSync('mkfifo', [fifo]);
      const config = file(kubeconfig('tf', { 'token-file': fifo }));
      const message = errorOf(() => kubeConfigForContext([config], 'tf'));
      expect(message).toMatch(/token file .* is a FIFO/);
      return message;
    },
  },
  {
    name: 'a client certificate and key named as /dev/urandom',
    outcome: 'import refuses them as pseudo-files instead of reading forever',
    run: async () => {
      const config = file(
        kubeconfig('cert', { 'client-certificate': '/dev/urandom', 'client-key': '/dev/urandom' }),
      );
      const message = errorOf(() => importFromKubeconfig([config], 'cert'));
      expect(message).toMatch(/client certificate file \/dev\/urandom.*pseudo-file/);
      return message;
    },
  },
  {
    name: 'an exec plugin whose command is a FIFO, /proc/self/exe or a folder',
    outcome: 'listing and import never run it: the context is listed, the exec config stored as written',
    run: async () => {
      const ran = join(dir, 'exec-ran');
      const exec = {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: '/proc/self/exe',
        args: ['-e', `require('fs').writeFileSync('${ran}','')`],
      };
      const config = file(kubeconfig('exec', { exec }));
      const list = await contextsWith(config);
      const registration = importFromKubeconfig([config], 'exec');
      expect(registration.record.authKind).toBe('exec');
      expect(existsSync(ran)).toBe(false);
      return { contexts: list.contexts.map((c) => c.name), authKind: registration.record.authKind };
    },
  },
  {
    name: 'a kubeconfig with current-context given twice',
    outcome: 'the last value wins, as kubectl (Go YAML) reads it',
    run: async () => {
      const twice = file(kubeconfig('second').replace(/^\{/, '{"current-context": "first", '));
      // JSON is YAML: the later "current-context" key (from kubeconfig()) is the one kept.
      const list = await readKubeContexts([twice]);
      expect(list.currentContext).toBe('second');
      return list;
    },
  },
  {
    name: 'a kubeconfig in Latin-1 (invalid UTF-8)',
    outcome: 'a problem: not valid UTF-8',
    run: async () => {
      const latin = file(Buffer.from('current-context: caf\xe9\n', 'latin1'));
      const list = await contextsWith(latin);
      expectProblem(list, latin, /not valid UTF-8/);
      return list;
    },
  },
]);
