import { readFile, readdir, stat, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../engine/workspace/atomic-write.ts';
import { makeWorkspace } from './fixtures.ts';

describe('writeFileAtomic', () => {
  it('never lets a reader see half a file', async () => {
    const dir = await makeWorkspace();
    const path = join(dir, 'big.yaml');
    const versions = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => `${letter.repeat(4_000_000)}\n`);
    await writeFileAtomic(path, versions[0]!);
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) seen.add((await readFile(path, 'utf8')).length);
    })();
    for (const version of versions.slice(1)) await writeFileAtomic(path, version);
    writing = false;
    await reader;
    expect([...seen]).toEqual([4_000_001]);
    expect(await readFile(path, 'utf8')).toBe(versions.at(-1));
  });

  it('leaves no temp file behind and keeps the file mode', async () => {
    const dir = await makeWorkspace({ 'a.yaml': 'old' });
    await chmod(join(dir, 'a.yaml'), 0o600);
    await writeFileAtomic(join(dir, 'a.yaml'), 'new');
    expect(await readdir(dir)).toEqual(['a.yaml']);
    expect((await stat(join(dir, 'a.yaml'))).mode & 0o777).toBe(0o600);
  });

  it('leaves the old content and names the file when the write fails', async () => {
    const dir = await makeWorkspace({ 'a.yaml': 'old' });
    await expect(writeFileAtomic(join(dir, 'missing/a.yaml'), 'new')).rejects.toThrow(
      /^write .*missing\/a\.yaml: /,
    );
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe('old');
  });
});
