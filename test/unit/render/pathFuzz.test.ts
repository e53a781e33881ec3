// Fuzz of the path handling of renders: random source paths and kustomization entries built from
// `..`, `.`, absolute parts, symlinks in and out of the repository, long names, NUL and line
// breaks. Whatever comes in, the answer is a RenderError or a path whose real location is inside
// the repository; nothing throws anything else, and every call is quick. Seeded, so a failure
// can be replayed.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../engine/render/errors.ts';
import { assertKustomizationInside } from '../../../engine/render/kustomize-paths.ts';
import { isInside, resolveAppDir, resolveRepoFile } from '../../../engine/render/paths.ts';
import { tempDir } from '../../support/tempDir.js';

/** mulberry32: a small seeded generator, so every run sees the same inputs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = tempDir('plumbline-pathfuzz-');
const repo = join(root, 'repo');
const outside = join(root, 'outside');
for (const dir of ['app', 'app/sub', 'base', 'charts/api']) mkdirSync(join(repo, dir), { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(outside, 'secret.txt'), 'secret\n');
writeFileSync(join(repo, 'base', 'cm.yaml'), 'kind: ConfigMap\n');
symlinkSync(outside, join(repo, 'app', 'out'));
symlinkSync(join(repo, 'base'), join(repo, 'app', 'in'));
const realRepo = realpathSync(repo);

function pathFrom(next: () => number): string {
  const pieces = [
    '..',
    '.',
    'app',
    'sub',
    'base',
    'out',
    'in',
    'charts',
    'api',
    'cm.yaml',
    'secret.txt',
    'outside',
    '',
    'x'.repeat(300),
    'a\0b',
    'a\nb',
    '-rf',
    '%2e%2e',
    'ü',
    root,
  ];
  const count = 1 + Math.floor(next() * 12);
  const parts = Array.from({ length: count }, () => pieces[Math.floor(next() * pieces.length)] ?? '.');
  const path = parts.join('/');
  return next() < 0.1 ? `/${path}` : path;
}

async function answerOf(work: () => Promise<string | void>): Promise<string | undefined> {
  try {
    const path = await work();
    return typeof path === 'string' ? path : undefined;
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(RenderError);
    return undefined;
  }
}

describe('path handling fuzz', () => {
  it('keeps 1,500 random app paths and value files inside the repository', async () => {
    const next = random(11);
    const started = performance.now();
    let inside = 0;
    for (let round = 0; round < 750; round += 1) {
      const appPath = pathFrom(next);
      const appDir = await answerOf(() => resolveAppDir(repo, appPath));
      if (appDir !== undefined) {
        expect(isInside(realRepo, realpathSync(appDir)), appPath).toBe(true);
        inside += 1;
      }
      const file = pathFrom(next);
      const found = await answerOf(async () => {
        const resolved = await resolveRepoFile(repo, join(repo, 'charts', 'api'), file, 'value file');
        return resolved.exists ? resolved.path : undefined;
      });
      if (found !== undefined) expect(isInside(realRepo, realpathSync(found)), file).toBe(true);
    }
    // Both answers occur: the inputs reach inside the repository as well as out of it.
    expect(inside).toBeGreaterThan(5);
    expect(inside).toBeLessThan(700);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses or keeps inside 300 random kustomizations', async () => {
    const next = random(29);
    const fields = ['resources', 'components', 'crds', 'patchesStrategicMerge', 'configurations'];
    let acceptedCount = 0;
    for (let round = 0; round < 300; round += 1) {
      const field = fields[Math.floor(next() * fields.length)] ?? 'resources';
      const entries = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pathFrom(next));
      const yaml = `${field}:\n${entries.map((entry) => `  - ${JSON.stringify(entry)}`).join('\n')}\n`;
      writeFileSync(join(repo, 'app', 'kustomization.yaml'), yaml);
      let accepted = true;
      try {
        await assertKustomizationInside({ root: repo, dir: join(repo, 'app'), allowRemote: false });
      } catch (error) {
        expect(error, `${yaml}: ${String(error)}`).toBeInstanceOf(RenderError);
        accepted = false;
      }
      if (!accepted) continue;
      acceptedCount += 1;
      for (const entry of entries) {
        const target = entry.startsWith('/') ? entry : join(repo, 'app', entry);
        let real: string | undefined;
        try {
          real = realpathSync(target);
        } catch {
          real = undefined;
        }
        if (real !== undefined) expect(isInside(realRepo, real), `${field} ${entry}`).toBe(true);
      }
    }
    expect(acceptedCount).toBeGreaterThan(5);
    expect(acceptedCount).toBeLessThan(295);
  });
});
