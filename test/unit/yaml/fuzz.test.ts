// Fuzz test of the safe YAML loader and the workspace reader: random and mutated YAML (deep
// nesting, huge scalars, alias bombs, random bytes, duplicate keys, tabs, BOMs, mixed quotes and
// brackets). Bounded in count and time: whatever the input, the loader throws nothing but a
// YamlError, no input takes more than the per-input limit, and the reader never throws at all.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../engine/workspace/load.ts';
import { readDefinitions } from '../../../engine/workspace/read-definitions.ts';
import { documentValue, parseYamlDocuments, YamlError } from '../../../engine/yaml/index.ts';
import { seededRandom } from '../../support/hostFuzzInputs.ts';
import { tempDir } from '../../support/tempDir.js';

const SEEDS = [
  'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: fuzz\nspec:\n  project: default\n  source: {repoURL: https://example.test/r.git, path: app}\n  destination: {server: https://kubernetes.default.svc, namespace: fuzz}\n',
  'a: &x [1, 2, {b: *x}]\nc: *x\n',
  'key: |\n  literal [ { text\n  more\nother: >-\n  folded\n',
  '- - - a\n  - b\n- {c: [d, e]}\n',
  "\"quoted: [\": 'single '' quote'\n? complex\n: value\n",
  '---\na: 1\n...\n---\nb: 2\n',
];
const PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ' ',
  '- ',
  '\n',
  '\t',
  '&a ',
  '*a',
  '"',
  "'",
  '#',
  '|',
  '>',
  '---\n',
  '? ',
  ',',
  '\uFEFF',
  '<<: *a\n',
  'a: 1\na: 2\n',
  '\u0000',
  '\\',
  '%YAML 1.2\n',
];
// Generous: a shared test machine runs several suites at once; a runaway input takes minutes.
const PER_INPUT_MS = 5_000;

function mutate(next: () => number, text: string): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const at = Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 9)) {
    case 0:
      return text.slice(0, at) + pick(PIECES) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + Math.floor(next() * 10));
    case 2:
      return `${'['.repeat(50 + Math.floor(next() * 2000))}${text}`;
    case 3:
      return `${text}\nbig: ${'x'.repeat(Math.floor(next() * 500_000))}\n`;
    case 4: {
      const lines = ['l0: &l0 [a, a, a, a, a, a, a, a]'];
      for (let i = 1; i < 4 + next() * 8; i++)
        lines.push(
          `l${i}: &l${i} [${Array(8)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      return `${text}\n${lines.join('\n')}\n`;
    }
    case 5:
      return Array.from({ length: 1 + Math.floor(next() * 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join(
        '\n',
      );
    case 6:
      return String.fromCharCode(
        ...Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256)),
      );
    case 7:
      return text.replaceAll('  ', '\t');
    default:
      return `${text}---\n`.repeat(1 + Math.floor(next() * 10));
  }
}

describe('fuzz: the safe YAML loader and the workspace reader', () => {
  it(
    'throw nothing but YamlError and stay within the time limit, on 300 random inputs',
    { timeout: 120_000 },
    () => {
      const failures: string[] = [];
      let refused = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const next = seededRandom(seed);
        let text = SEEDS[seed % SEEDS.length]!;
        // Inputs stay under 1 MB: size itself is the limit tests' business, not the fuzzer's.
        for (let round = 0; round < 1 + next() * 4; round++) text = mutate(next, text).slice(0, 1_000_000);
        const started = performance.now();
        try {
          const parsed = parseYamlDocuments(text, { source: `seed ${seed}`, merge: seed % 2 === 0 });
          for (let i = 0; i < parsed.documents.length; i++) {
            try {
              documentValue(parsed, i, { source: `seed ${seed}` });
            } catch (error) {
              if (!(error instanceof YamlError)) throw error;
            }
          }
        } catch (error) {
          if (error instanceof YamlError) refused++;
          else
            failures.push(
              `seed ${seed}: ${(error as Error).name}: ${(error as Error).message.slice(0, 120)}`,
            );
        }
        try {
          readDefinitions('fuzz.yaml', text);
        } catch (error) {
          failures.push(`seed ${seed}: readDefinitions threw ${(error as Error).message.slice(0, 120)}`);
        }
        const took = performance.now() - started;
        if (took > PER_INPUT_MS)
          failures.push(
            `seed ${seed}: took ${Math.round(took)} ms (${text.length} chars: ${JSON.stringify(text.slice(0, 60))}…)`,
          );
      }
      expect(failures).toEqual([]);
      // The generator does reach the limits, not only well-formed text.
      expect(refused).toBeGreaterThan(50);
    },
  );
});

const NAME_PIECES = [
  'a',
  'é',
  '空',
  ' ',
  '.',
  '..',
  '-',
  '--x',
  '%2e',
  '\\',
  '#',
  '?',
  '*',
  '~',
  'ø'.repeat(60),
  '.hidden',
];

describe('fuzz: workspace paths', () => {
  const root = tempDir('plumbline-fuzz-paths-');
  it(
    'a folder of randomly named files, folders, FIFOs and links loads without throwing or hanging',
    { timeout: 60_000 },
    async () => {
      for (let seed = 1; seed <= 30; seed++) {
        const next = seededRandom(seed * 7919);
        const dir = join(root, `ws-${seed}`);
        mkdirSync(dir);
        const written: string[] = [];
        for (let i = 0; i < 12; i++) {
          const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
            Array.from(
              { length: 1 + Math.floor(next() * 3) },
              () => NAME_PIECES[Math.floor(next() * NAME_PIECES.length)],
            ).join(''),
          ).map((part) => (part === '.' || part === '..' ? `${part}x` : part));
          const relative = `${parts.join('/')}${next() < 0.8 ? '.yaml' : '.yml'}`;
          const path = join(dir, relative);
          try {
            mkdirSync(join(path, '..'), { recursive: true });
            const kind = Math.floor(next() * 4);
            if (kind === 0) execFileSync('mkfifo', [path]);
            else if (kind === 1) symlinkSync(next() < 0.5 ? '/dev/zero' : path, path);
            else writeFileSync(path, SEEDS[Math.floor(next() * SEEDS.length)]!);
            written.push(relative);
          } catch {
            // A name the file system refuses (too long, a file where a folder is wanted) is no input.
          }
        }
        const started = performance.now();
        const ws = await loadWorkspace(dir);
        expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
        // Every problem names a file of the workspace, relative to it.
        for (const problem of ws.problems)
          expect(problem.file.startsWith('/') || problem.file.startsWith('..')).toBe(false);
        expect(written.length).toBeGreaterThan(0);
      }
    },
  );
});
