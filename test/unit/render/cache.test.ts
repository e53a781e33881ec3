// The render cache on disk: stable keys, atomic entries, LRU pruning.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderCache, renderCacheKey } from '../../../engine/render/cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumbline-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const render = (name: string) => ({
  objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }],
  sourceType: 'Directory' as const,
  toolVersions: {},
});

describe('render cache', () => {
  it('keys by content, not key order', () => {
    expect(renderCacheKey({ a: 1, b: { c: 2, d: 3 } })).toBe(renderCacheKey({ b: { d: 3, c: 2 }, a: 1 }));
    expect(renderCacheKey({ a: 1 })).not.toBe(renderCacheKey({ a: 2 }));
  });

  it('returns what was put, from a fresh instance (it lives on disk)', async () => {
    await new RenderCache(dir).put('k1', render('one'));
    expect(await new RenderCache(dir).get('k1')).toEqual(render('one'));
    expect(await new RenderCache(dir).get('k2')).toBeUndefined();
  });

  it('treats a damaged entry as a miss', async () => {
    const cache = new RenderCache(dir);
    await cache.put('k1', render('one'));
    await writeFile(join(dir, 'render', 'k1.json'), '{"key":"k1","render":');
    expect(await cache.get('k1')).toBeUndefined();
  });

  it('drops the least recently used entries beyond its limits', async () => {
    const cache = new RenderCache(dir, { maxEntries: 2 });
    await cache.put('old', render('old'));
    await cache.put('used', render('used'));
    const past = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'render', 'old.json'), past, past);
    await utimes(join(dir, 'render', 'used.json'), past, past);
    await cache.get('used'); // a hit makes it recent again
    await cache.put('new', render('new'));
    expect((await readdir(join(dir, 'render'))).sort()).toEqual(['new.json', 'used.json']);
  });

  it('stays within its entries through a burst of puts, trimmed a tenth below the limit', async () => {
    const cache = new RenderCache(dir, { maxEntries: 20 });
    await Promise.all(Array.from({ length: 45 }, (_, i) => cache.put(`k${i}`, render(`r${i}`))));
    await cache.put('last', render('last'));
    const names = await readdir(join(dir, 'render'));
    expect(names.length).toBeLessThanOrEqual(20);
    expect(names.length).toBeGreaterThanOrEqual(18);
    expect(names).toContain('last.json');
  });

  it('bounds the bytes too', async () => {
    const cache = new RenderCache(dir, { maxBytes: 150 });
    await cache.put('a', render('a'));
    await cache.put('b', render('b'));
    expect(await readdir(join(dir, 'render'))).toHaveLength(1);
  });
});
