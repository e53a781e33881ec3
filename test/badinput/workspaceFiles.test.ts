// Hostile and broken workspace files: each one becomes a problem naming the file and the limit
// or the reason, within the case's time limit, and the good application beside it still loads.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadWorkspace } from '../../engine/workspace/load.ts';
import type { Workspace } from '../../engine/workspace/types.ts';
import { appYaml, makeWorkspace } from '../integration/workspace/fixtures.ts';
import { badInputCases } from './corpus.ts';
import { billionLaughs, nestedBlockMappings } from './yamlInputs.ts';

const MiB = 1024 * 1024;

/** What a case gives back: the applications that loaded and every problem, as plain data. */
function outcome(ws: Workspace) {
  return {
    apps: ws.applications.map((app) => ({
      name: app.name,
      valid: app.definition !== null,
      conditions: app.conditions,
    })),
    problems: ws.problems,
  };
}

/** Loads a workspace of `files` beside a good application; checks the good one is intact. */
async function withGoodApp(files: Record<string, string | Buffer>, extra?: (dir: string) => void) {
  const dir = await makeWorkspace({ 'good.yaml': appYaml('good') });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  extra?.(dir);
  const ws = await loadWorkspace(dir);
  const good = ws.applications.find((app) => app.name === 'good');
  expect(good?.definition?.spec.destination.namespace).toBe('good');
  return outcome(ws);
}

function expectProblem(result: ReturnType<typeof outcome>, type: string, file: string, message: RegExp) {
  expect(result.problems).toContainEqual(
    expect.objectContaining({ type, file, message: expect.stringMatching(message) }),
  );
}

function bigText(bytes: number): string {
  const line = 'key-with-some-length: "a value that fills the file up to its size"\n';
  return `data:\n${`  ${line}`.repeat(Math.ceil(bytes / (line.length + 2)))}`;
}

badInputCases('workspace files', [
  {
    name: '1,000 nested flow sequences ([[[…]]], 2 KB)',
    outcome: 'LimitError on nesting depth naming the file and limits.yamlDepth; the good app loads',
    run: async () => {
      const result = await withGoodApp({ 'deep.yaml': `${'['.repeat(1000)}${']'.repeat(1000)}` });
      expectProblem(result, 'LimitError', 'deep.yaml', /nesting depth of 100 \(setting limits\.yamlDepth\)/);
      return result;
    },
  },
  {
    name: 'two files of 1,000 nested flow mappings inside an Application',
    outcome: 'a LimitError for each file; the good app loads',
    run: async () => {
      const deep = `${appYaml('deep')}  info: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}\n`;
      const result = await withGoodApp({ 'deep1.yaml': deep, 'deep2.yaml': deep });
      expectProblem(result, 'LimitError', 'deep1.yaml', /nesting depth/);
      expectProblem(result, 'LimitError', 'deep2.yaml', /nesting depth/);
      expect(result.apps.map((app) => app.name)).toEqual(['good']);
      return result;
    },
  },
  {
    name: '1,000 nested block mappings (indentation)',
    outcome: 'LimitError on nesting depth with the line where the limit is passed',
    run: async () => {
      const result = await withGoodApp({ 'indent.yaml': nestedBlockMappings(1000) });
      expectProblem(result, 'LimitError', 'indent.yaml', /nesting depth/);
      expect(result.problems.find((p) => p.file === 'indent.yaml')?.line).toBe(101);
      return result;
    },
  },
  {
    name: '1,000 nested block sequences (- - - … on one line)',
    outcome: 'LimitError on nesting depth',
    run: async () => {
      const result = await withGoodApp({ 'dashes.yaml': `${'- '.repeat(1000)}x\n` });
      expectProblem(result, 'LimitError', 'dashes.yaml', /nesting depth/);
      return result;
    },
  },
  {
    name: '99 nested levels (under the limit)',
    outcome: 'read normally: no problem for the file',
    run: async () => {
      const result = await withGoodApp({ 'fine.yaml': nestedBlockMappings(90) });
      expect(result.problems).toEqual([]);
      return result;
    },
  },
  {
    name: 'billion laughs (9 levels of 9 aliases)',
    outcome: 'LimitError on aliases naming limits.yamlAliases',
    run: async () => {
      const result = await withGoodApp({ 'laughs.yaml': billionLaughs() });
      expectProblem(result, 'LimitError', 'laughs.yaml', /alias.*limits\.yamlAliases/);
      return result;
    },
  },
  {
    name: '2,000 aliases of one anchor',
    outcome: 'LimitError: more than 1000 aliases in the document',
    run: async () => {
      const text = `base: &b x\nlist:\n${'  - *b\n'.repeat(2000)}`;
      const result = await withGoodApp({ 'aliases.yaml': text });
      expectProblem(result, 'LimitError', 'aliases.yaml', /more than 1000 aliases/);
      return result;
    },
  },
  {
    name: 'a 20 MB file (generated)',
    outcome: 'LimitError on size before the file is read, naming 10 MiB and limits.yamlFileBytes',
    timeoutMs: 30_000,
    run: async () => {
      const result = await withGoodApp({ 'huge.yaml': bigText(20 * MiB) });
      expectProblem(
        result,
        'LimitError',
        'huge.yaml',
        /the file is 20(\.\d)? MiB.*10 MiB \(setting limits\.yamlFileBytes\)/,
      );
      return result;
    },
  },
  {
    name: 'an 11 MB file, just over the default limit',
    outcome: 'LimitError on size',
    timeoutMs: 30_000,
    run: async () => {
      const result = await withGoodApp({ 'big.yaml': bigText(11 * MiB) });
      expectProblem(result, 'LimitError', 'big.yaml', /size of 10 MiB/);
      return result;
    },
  },
  {
    name: '20,000 documents',
    outcome: 'LimitError on the number of documents naming limits.yamlDocuments',
    run: async () => {
      const result = await withGoodApp({ 'many.yaml': '---\na: 1\n'.repeat(20_000) });
      expectProblem(result, 'LimitError', 'many.yaml', /more than 10000 documents.*limits\.yamlDocuments/);
      return result;
    },
  },
  {
    name: 'an Application with a mapping key given twice',
    outcome: 'loaded with the last value, as Argo CD does, and a DuplicateKeyWarning on the application',
    run: async () => {
      const twice = appYaml('twice').replace('  destination:\n', '  destination:\n    namespace: first\n');
      const result = await withGoodApp({ 'twice.yaml': twice });
      const app = result.apps.find((a) => a.name === 'twice');
      expect(app?.valid).toBe(true);
      expect(app?.conditions).toContainEqual(
        expect.objectContaining({
          type: 'DuplicateKeyWarning',
          message: expect.stringMatching(/"namespace".*last value/),
        }),
      );
      return result;
    },
  },
  {
    name: 'a ConfigMap (not ours) with a key given twice',
    outcome: 'a DuplicateKeyWarning on the file, nothing else',
    run: async () => {
      const result = await withGoodApp({
        'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "1"\n  a: "2"\n',
      });
      expectProblem(
        result,
        'DuplicateKeyWarning',
        'cm.yaml',
        /"a" is given more than once \(lines 4 and 5\)/,
      );
      return result;
    },
  },
  {
    name: 'a mapping with 100,000 distinct keys (1.3 MB)',
    outcome: 'read in linear time (the parser’s quadratic uniqueness check is off): no problem',
    run: async () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n');
      const result = await withGoodApp({ 'wide.yaml': `${keys}\n` });
      expect(result.problems).toEqual([]);
      return result;
    },
  },
  {
    name: 'a mapping key of 100 KB',
    outcome: 'LimitError on key size naming limits.yamlKeyBytes',
    run: async () => {
      // An explicit key (`? `): an implicit one over 1024 characters is already a syntax error.
      const result = await withGoodApp({ 'key.yaml': `? ${'k'.repeat(100 * 1024)}\n: v\n` });
      expectProblem(result, 'LimitError', 'key.yaml', /mapping key of 102400 bytes.*limits\.yamlKeyBytes/);
      return result;
    },
  },
  {
    name: 'a 2 MB scalar inside an Application (under every limit)',
    outcome: 'the application loads',
    run: async () => {
      const big = `${appYaml('bigvalue')}  info:\n    - name: blob\n      value: ${'x'.repeat(2 * MiB)}\n`;
      const result = await withGoodApp({ 'bigvalue.yaml': big });
      expect(result.apps.find((a) => a.name === 'bigvalue')?.valid).toBe(true);
      return { ...result, apps: result.apps.map((a) => a.name) };
    },
  },
  {
    name: 'invalid UTF-8 bytes',
    outcome: 'ReadError: not valid UTF-8, with the offset of the first bad byte',
    run: async () => {
      const bytes = Buffer.concat([Buffer.from('a: '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]);
      const result = await withGoodApp({ 'latin.yaml': bytes });
      expectProblem(result, 'ReadError', 'latin.yaml', /not valid UTF-8 \(first bad byte at offset 3\)/);
      return result;
    },
  },
  {
    name: 'an Application behind a UTF-8 byte-order mark',
    outcome: 'loaded as without the mark',
    run: async () => {
      const result = await withGoodApp({ 'bom.yaml': `\uFEFF${appYaml('bom')}` });
      expect(result.apps.find((a) => a.name === 'bom')?.valid).toBe(true);
      expect(result.problems).toEqual([]);
      return result;
    },
  },
  {
    name: 'a UTF-16 file (FF FE mark)',
    outcome: 'ReadError: not valid UTF-8',
    run: async () => {
      const result = await withGoodApp({
        'wide-chars.yaml': Buffer.from(`\uFEFF${appYaml('utf16')}`, 'utf16le'),
      });
      expectProblem(result, 'ReadError', 'wide-chars.yaml', /not valid UTF-8/);
      return result;
    },
  },
  {
    name: 'random bytes named .yaml',
    outcome: 'a ReadError or ParseError for the file, never an exception',
    run: async () => {
      const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const result = await withGoodApp({ 'noise.yaml': noise });
      expect(result.problems.filter((p) => p.file === 'noise.yaml').map((p) => p.type)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(ReadError|ParseError)$/)]),
      );
      return result;
    },
  },
  {
    name: 'tabs as indentation',
    outcome: 'ParseError with the line',
    run: async () => {
      const result = await withGoodApp({ 'tabs.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n\ta: 1\n' });
      expect(result.problems).toContainEqual(
        expect.objectContaining({ type: 'ParseError', file: 'tabs.yaml', line: 4 }),
      );
      return result;
    },
  },
  {
    name: 'a FIFO named app.yaml',
    outcome: 'ReadError naming the FIFO, and the scan does not wait for a writer',
    timeoutMs: 10_000,
    run: async () => {
      const result = await withGoodApp({}, (dir) => execFileSync('mkfifo', [join(dir, 'app.yaml')]));
      expectProblem(result, 'ReadError', 'app.yaml', /FIFO/);
      return result;
    },
  },
  {
    name: 'a symbolic link loop (a.yaml → b.yaml → a.yaml)',
    outcome: 'skipped as every link is: no hang, no problem',
    run: async () => {
      const result = await withGoodApp({}, (dir) => {
        symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
        symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
      });
      expect(result.problems).toEqual([]);
      return result;
    },
  },
  {
    name: 'links to the outside marker and to /proc/self/environ',
    outcome: 'skipped: nothing outside the workspace is read',
    run: async (marker) => {
      const result = await withGoodApp({}, (dir) => {
        symlinkSync(marker.path, join(dir, 'secret.yaml'));
        symlinkSync('/proc/self/environ', join(dir, 'environ.yaml'));
        mkdirSync(join(dir, 'sub'));
        symlinkSync(marker.dir, join(dir, 'sub', 'outside.yaml'));
      });
      expect(result.apps.map((a) => a.name)).toEqual(['good']);
      return result;
    },
  },
  {
    name: '__proto__ and constructor keys in an Application',
    outcome: 'plain data: no prototype is changed',
    run: async () => {
      const text = `${appYaml('proto')}__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n`;
      const result = await withGoodApp({ 'proto.yaml': text });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(result.apps.find((a) => a.name === 'proto')?.valid).toBe(true);
      return result;
    },
  },
]);
