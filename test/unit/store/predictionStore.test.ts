// The kept answers of dry runs that changed nothing: written after a quiet time, read back by
// the next start, bounded, and a damaged file is no more than an empty cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PredictionStore } from '../../../engine/store/predictionStore.ts';

const dirs: string[] = [];
function cacheFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-predstore-'));
  dirs.push(dir);
  return join(dir, 'predictions.json.gz');
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const hash = (c: string) => c.repeat(64);

describe('PredictionStore', () => {
  it('keeps entries for the next start, and forgets removed ones', async () => {
    const file = cacheFile();
    const store = new PredictionStore(file, 0);
    await store.loaded;
    store.set('ctx\napps/Deployment/ns/web', { version: 'uid-1/42', desiredHash: hash('a') });
    store.set('ctx\n/ConfigMap/ns/gone', { version: 'uid-2/7', desiredHash: hash('b') });
    store.set('ctx\n/ConfigMap/ns/gone', undefined);
    await store.flush();

    const next = new PredictionStore(file, 0);
    await next.loaded;
    expect(next.get('ctx\napps/Deployment/ns/web')).toEqual({ version: 'uid-1/42', desiredHash: hash('a') });
    expect(next.get('ctx\n/ConfigMap/ns/gone')).toBeUndefined();
  });

  it('writes once after a burst of changes', async () => {
    const file = cacheFile();
    const store = new PredictionStore(file, 50);
    await store.loaded;
    for (let i = 0; i < 500; i++) store.set(`k${i}`, { version: `u/${i}`, desiredHash: hash('c') });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await store.flush();
    const next = new PredictionStore(file, 0);
    await next.loaded;
    expect(next.get('k499')).toEqual({ version: 'u/499', desiredHash: hash('c') });
  });

  it.each([
    ['not gzip', Buffer.from('{"format":"plumbline.dev/predictions-v1","entries":[]}')],
    ['another format', gzipSync(JSON.stringify({ format: 'other', entries: [['k', 'v', hash('d')]] }))],
    [
      'a wrong hash',
      gzipSync(JSON.stringify({ format: 'plumbline.dev/predictions-v1', entries: [['k', 'v', 'x']] })),
    ],
    ['a gzip bomb', gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x20))],
  ])('treats a file with %s as empty', async (_name, bytes) => {
    const file = cacheFile();
    writeFileSync(file, bytes);
    const store = new PredictionStore(file, 0);
    await store.loaded;
    expect(store.get('k')).toBeUndefined();
  });
});
