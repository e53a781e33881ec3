// Unpacking an OCI layer as a hostile archive: only files and folders, nothing out of the
// destination, bounded bytes and entries, truncated and non-tar input refused.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractLayer, safeEntryPath } from '../../../engine/oci/extract.ts';
import { paxRecord, tar, tgz, type TarEntry } from '../../support/tarBuilder.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plumbline-extract-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const limits = { maxBytes: 1024 * 1024, maxEntries: 100 };

async function unpack(archive: Buffer, gzipped = true, bounds = limits) {
  const file = join(root, 'layer');
  await writeFile(file, archive);
  const dest = join(root, 'out');
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest);
  const result = await extractLayer(file, dest, gzipped, bounds);
  return { dest, result };
}

describe('safe extraction of a layer', () => {
  it('writes files and folders, with ./ prefixes, long names (pax) and plain tar', async () => {
    const long = `${'d'.repeat(90)}/${'f'.repeat(60)}.yaml`;
    const entries: TarEntry[] = [
      { name: './', type: '5' },
      { name: './app/', type: '5' },
      { name: './app/cm.yaml', content: 'kind: ConfigMap\n' },
      { name: 'PaxHeader', type: 'x', content: paxRecord('path', long) },
      { name: 'ignored-by-pax', content: 'long\n' },
    ];
    const { dest, result } = await unpack(tgz(entries));
    expect(result.files).toBe(2);
    expect(await readFile(join(dest, 'app', 'cm.yaml'), 'utf8')).toBe('kind: ConfigMap\n');
    expect(await readFile(join(dest, long), 'utf8')).toBe('long\n');
    const plain = await unpack(tar([{ name: 'a.yaml', content: 'a' }]), false);
    expect(await readdir(plain.dest)).toEqual(['a.yaml']);
  });

  it.each([
    [{ name: '../escape.yaml', content: 'x' }, /climbs out/],
    [{ name: 'app/../../escape.yaml', content: 'x' }, /climbs out/],
    [{ name: '/etc/passwd', content: 'x' }, /absolute path/],
    [{ name: 'link', type: '2', linkname: '/etc/passwd' }, /symbolic link/],
    [{ name: 'hard', type: '1', linkname: '../outside' }, /hard link/],
    [{ name: 'dev', type: '3' }, /device/],
    [{ name: 'blk', type: '4' }, /device/],
    [{ name: 'pipe', type: '6' }, /fifo/],
  ] as Array<[TarEntry, RegExp]>)('refuses %j', async (entry, message) => {
    await expect(unpack(tgz([entry]))).rejects.toThrow(message);
    expect(await readdir(root)).not.toContain('escape.yaml');
  });

  it('refuses a second entry of the same name rather than writing through it', async () => {
    const archive = tgz([
      { name: 'a.yaml', content: 'first' },
      { name: 'a.yaml', content: 'second' },
    ]);
    await expect(unpack(archive)).rejects.toThrow(/a\.yaml: cannot be written/);
  });

  it('bounds the bytes and the entries, before writing the file that passes them', async () => {
    const big = tgz([{ name: 'big.yaml', content: Buffer.alloc(2 * 1024 * 1024) }]);
    await expect(unpack(big)).rejects.toThrow(/more than 1048576 bytes \(at big.yaml\)/);
    const many = tgz(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.yaml`, content: 'x' })));
    await expect(unpack(many)).rejects.toThrow(/more than 100 files and folders/);
    const bombFolder = tgz([{ name: 'dir/', type: '5', content: Buffer.alloc(2 * 1024 * 1024) }]);
    await expect(unpack(bombFolder)).rejects.toThrow(/oversized body/);
  });

  it('refuses truncated archives, bad checksums and what is not a tar at all', async () => {
    const truncated = tar([{ name: 'a.yaml', content: 'x'.repeat(1000) }], { end: false }).subarray(0, 900);
    await expect(unpack(gzipSync(truncated))).rejects.toThrow(/ends in the middle/);
    const corrupt = tar([{ name: 'a.yaml', content: 'x' }]);
    corrupt[0] = 'b'.charCodeAt(0);
    await expect(unpack(gzipSync(corrupt))).rejects.toThrow(/checksum/);
    await expect(unpack(Buffer.from('not gzip'))).rejects.toThrow(/not a readable gzipped tar/);
  });

  it('names entries as the destination may hold them', () => {
    expect(safeEntryPath('./')).toBeUndefined();
    expect(safeEntryPath('a//b/./c')).toBe(join('a', 'b', 'c'));
    expect(() => safeEntryPath('C:/x')).toThrow(/absolute/);
    expect(() => safeEntryPath('a\\..\\..\\x')).toThrow(/climbs/);
  });
});
