// The recorder persists what comparisons saw of a connected cluster: one write per burst,
// every application's objects merged (one copy each), no Secret value and no managedFields,
// nothing written again while nothing changed, and the store's files named by hash.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SnapshotRecorder } from '../../../engine/snapshot/snapshotRecorder.ts';
import { SnapshotStore } from '../../../engine/snapshot/snapshotStore.ts';
import { tempDir } from '../../support/tempDir.ts';

const cm = (name: string, value: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', managedFields: [{ manager: 'kubectl' }] },
  data: { value },
});
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  data: { password: 'cmVjb3JkZWQtc2VjcmV0' },
};

function recorder(dataDir: string) {
  const store = new SnapshotStore(dataDir);
  const first: string[] = [];
  const rec = new SnapshotRecorder(store, {
    debounceMs: 20,
    firstDebounceMs: 20,
    server: () => 'https://a.example',
    firstWritten: (key) => first.push(key),
  });
  return { store, rec, first };
}

describe('snapshot recorder', () => {
  it('merges what each application saw into one compact snapshot without Secret values', async () => {
    const dir = tempDir();
    const { store, rec, first } = recorder(dir);
    rec.observed('context:a', 'one', [cm('shared', '1'), secret]);
    rec.observed('context:a', 'two', [cm('shared', '1'), cm('own', '2')]);
    await rec.flush();
    const read = await store.read('context:a');
    expect(read!.objects.map((o) => o.object.metadata.name).sort()).toEqual(['db', 'own', 'shared']);
    expect(first).toEqual(['context:a']);
    const files = readdirSync(join(dir, 'snapshots'));
    expect(files.some((f) => /^persisted-[0-9a-f]{32}\.snapshot\.json\.gz$/.test(f))).toBe(true);
    const text = files
      .map((f) => readFileSync(join(dir, 'snapshots', f)))
      .map((b) => (b[0] === 0x1f ? gunzipSync(b).toString() : b.toString()))
      .join();
    expect(text).not.toContain('cmVjb3JkZWQtc2VjcmV0');
    expect(text).not.toContain('managedFields');
    expect((await store.entry('context:a'))!.objects).toBe(3);
  });

  it('writes once per burst and not again while nothing changed', async () => {
    const { store, rec } = recorder(tempDir());
    for (let i = 0; i < 50; i++) rec.observed('context:a', 'one', [cm('c', String(i))]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rec.flush();
    const entry = await store.entry('context:a');
    const read = await store.read('context:a');
    expect((read!.objects[0]!.object as unknown as { data: { value: string } }).data.value).toBe('49');
    rec.observed('context:a', 'one', [cm('c', '49')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rec.flush();
    expect((await store.entry('context:a'))!.asOf).toBe(entry!.asOf);
    rec.observed('context:a', 'one', [cm('c', '50')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rec.flush();
    expect((await store.entry('context:a'))!.asOf).not.toBe(entry!.asOf);
  });
});
