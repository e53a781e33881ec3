// Go's filepath.Glob as kustomize edit add component applies it: sorted matches, hidden entries
// included, `*` never crossing `/`, paths joined and cleaned, a plain path naming itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goGlob } from '../../../engine/render/go-glob.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir('plumbline-goglob-');
for (const dir of ['app', 'components/b', 'components/a', 'components/.hidden', 'other/deep/c'])
  mkdirSync(join(root, dir), { recursive: true });
writeFileSync(join(root, 'components', 'notes.md'), '');
const app = join(root, 'app');

describe('goGlob', () => {
  it.each([
    [
      '../components/*',
      ['../components/.hidden', '../components/a', '../components/b', '../components/notes.md'],
    ],
    ['../components/[ab]', ['../components/a', '../components/b']],
    ['./../components/?', ['../components/a', '../components/b']],
    ['../*/a', ['../components/a']],
    ['../other/*', ['../other/deep']],
    ['../components/a', ['../components/a']],
    ['./../components/a', ['./../components/a']],
    ['../nothing/*', []],
    ['../components/missing', []],
  ])('%s → %j', async (pattern, matches) => {
    expect(await goGlob(app, pattern)).toEqual(matches);
  });
});
