// Hostile and broken snapshot files, imported through the snapshot service into a real data
// folder: gzip bombs, huge object counts, deep nesting, other versions, non-JSON, truncated
// files, alias bombs in kubectl YAML, Secrets with values, and cluster names that try to be paths.
// Each is refused with a clear message (or stripped), and nothing is written outside the data
// folder's snapshots/.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import {
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  SnapshotStore,
} from '../../engine/snapshot/index.ts';
import { SnapshotService } from '../../engine/snapshot/snapshotService.ts';
import { tempDir } from '../support/tempDir.js';
import { badInputCases } from './corpus.ts';

const root = tempDir('plumbline-snapshots-');
let count = 0;

function service(): { service: SnapshotService; store: SnapshotStore; dataDir: string } {
  const dataDir = join(root, `case-${++count}`, 'data');
  mkdirSync(dataDir, { recursive: true });
  const store = new SnapshotStore(dataDir);
  return {
    dataDir,
    store,
    service: new SnapshotService({
      store,
      registeredNames: () => [],
      contextNames: async () => [],
      connection: () => {
        throw new Error('no cluster in the bad-input corpus');
      },
      emit: () => undefined,
      changed: () => undefined,
    }),
  };
}

function snapshotJson(objects: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cluster: { name: 'prod', server: null },
    exportedAt: '2026-01-02T03:04:05Z',
    namespaces: null,
    objects: objects.map((object) => ({ observedAt: '2026-01-02T03:04:05Z', object })),
    ...extra,
  };
}

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'x' },
});

/** Imports bytes; returns the refusal's message (the case fails when it is accepted). */
async function refused(bytes: Buffer, cluster = 'prod'): Promise<string> {
  const { service: snapshots, dataDir } = service();
  const message = await snapshots.import({ contentBase64: bytes.toString('base64'), cluster }).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(message, 'the file was accepted').not.toBeNull();
  // nothing kept of a refused file
  expect(existsSync(join(dataDir, 'snapshots'))).toBe(false);
  return message!;
}

badInputCases('snapshot files', [
  {
    name: 'a gzip bomb (1 MiB that decompresses to 1 GiB)',
    outcome: 'refused at the decompressed size limit, without decompressing it all',
    timeoutMs: 60_000,
    run: async () => {
      // 64 gzip members of 16 MiB each: gunzip reads them as one stream of 1 GiB
      const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
      const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      const message = await refused(bomb);
      expect(message).toMatch(/decompresses to more than 256 MiB, over the snapshot limit/);
      expect(process.memoryUsage().rss - before).toBeLessThan(700 * 1024 * 1024);
      return message;
    },
  },
  {
    name: `a snapshot of ${SNAPSHOT_LIMITS.objects + 1} objects`,
    outcome: 'refused naming the object limit',
    timeoutMs: 60_000,
    run: async () => {
      const objects = Array.from({ length: SNAPSHOT_LIMITS.objects + 1 }, (_, i) => configMap(`c${i}`));
      const message = await refused(gzipSync(JSON.stringify(snapshotJson(objects))));
      expect(message).toMatch(/50001 objects, over the snapshot limit of 50000/);
      return message;
    },
  },
  {
    name: 'an object nested 100 000 levels deep',
    outcome: 'refused naming the depth limit, no stack overflow',
    run: async () => {
      const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      const text = JSON.stringify(snapshotJson([{ ...configMap('deep'), data: '@@' }])).replace('"@@"', deep);
      const message = await refused(gzipSync(text));
      expect(message).toMatch(/nested more than 110 levels deep/);
      return message;
    },
  },
  {
    name: 'a snapshot of format version 99',
    outcome: 'refused naming both versions',
    run: async () => {
      const message = await refused(gzipSync(JSON.stringify(snapshotJson([], { version: 99 }))));
      expect(message).toMatch(/version 99; this Plumbline reads version 1/);
      return message;
    },
  },
  {
    name: 'gzip of text that is neither JSON nor YAML objects, and random bytes',
    outcome: 'refused as not a snapshot',
    run: async () => {
      const text = await refused(gzipSync('%%% not: [json'));
      expect(text).toMatch(/not a snapshot|not readable|not a Kubernetes object|neither/);
      const binary = await refused(Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff]));
      expect(binary).toMatch(/not gzip, not text/);
      return [text, binary];
    },
  },
  {
    name: 'a truncated snapshot file',
    outcome: 'refused as truncated',
    run: async () => {
      const bytes = await encodeSnapshot(snapshotJson([configMap('a'), configMap('b')]) as never);
      const message = await refused(bytes.subarray(0, bytes.length - 8));
      expect(message).toMatch(/truncated/);
      return message;
    },
  },
  {
    name: 'kubectl YAML with an alias bomb',
    outcome: 'refused by the safe YAML loader',
    run: async () => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 15; i++) {
        const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
      }
      const message = await refused(Buffer.from(`${lines.join('\n')}\n`));
      expect(message).toMatch(/alias/);
      return message;
    },
  },
  {
    name: 'a Secret with values (data, stringData, last-applied annotation) in an imported file',
    outcome: 'imported with every value removed, keys kept',
    run: async () => {
      const { service: snapshots, store } = service();
      const value = 'bGVha2VkLXZhbHVlLW9mLWEtc2VjcmV0';
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'db',
          namespace: 'x',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"p":"${value}"}}` },
        },
        data: { p: value },
        stringData: { q: 'plain-leaked-value' },
      };
      await snapshots.import({
        contentBase64: gzipSync(JSON.stringify(snapshotJson([secret]))).toString('base64'),
      });
      const files = readdirSync(store.dir).map((name) => join(store.dir, name));
      const texts = files.map((file) =>
        file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString() : readFileSync(file, 'utf8'),
      );
      expect(texts.join()).not.toContain(value);
      expect(texts.join()).not.toContain('plain-leaked-value');
      const read = await store.read('offline:prod');
      expect((read!.objects[0]!.object as unknown as { data: unknown }).data).toEqual({ p: '', q: '' });
      return texts;
    },
  },
  {
    name: 'cluster names that are paths (../../outside, a/b, .., C:\\x, an absolute path), given or in the file',
    outcome: 'refused as not cluster names; no file outside the data folder',
    run: async (marker) => {
      const messages: string[] = [];
      const { service: snapshots, dataDir } = service();
      const bytes = gzipSync(JSON.stringify(snapshotJson([configMap('a')])));
      const names = ['../../outside', 'a/b', '..', 'C:\\x', join(marker.dir, 'planted')];
      for (const cluster of names)
        messages.push(
          await snapshots.import({ contentBase64: bytes.toString('base64'), cluster }).then(
            () => 'accepted',
            (error: Error) => error.message,
          ),
        );
      for (const name of names) {
        const inFile = gzipSync(
          JSON.stringify(snapshotJson([configMap('a')], { cluster: { name, server: null } })),
        );
        messages.push(
          await snapshots.import({ contentBase64: inFile.toString('base64') }).then(
            () => 'accepted',
            (error: Error) => error.message,
          ),
        );
      }
      expect(messages.every((m) => /is not a cluster name/.test(m))).toBe(true);
      expect(existsSync(join(marker.dir, 'planted'))).toBe(false);
      expect(readdirSync(dirname(dataDir))).toEqual(['data']);
      expect(readdirSync(marker.dir)).toEqual(['secret.txt']);
      return messages;
    },
  },
  {
    name: 'a damaged index and a snapshot file overwritten with garbage in the data folder',
    outcome: 'the list is empty / the read fails with the reason, nothing crashes',
    run: async () => {
      const { service: snapshots, store, dataDir } = service();
      await snapshots.import({
        contentBase64: (await encodeSnapshot(snapshotJson([configMap('a')]) as never)).toString('base64'),
      });
      const [file] = readdirSync(store.dir).filter((name) => name.endsWith('.gz'));
      writeFileSync(join(store.dir, file!), 'garbage');
      const fresh = new SnapshotStore(dataDir);
      const failure = await fresh.read('offline:prod').then(
        () => 'read',
        (error: Error) => error.message,
      );
      expect(failure).toMatch(
        /snapshot of of prod: neither a gzip-compressed snapshot nor kubectl output|snapshot/,
      );
      writeFileSync(join(store.dir, 'index.json'), '{"entries": [{"key": 1}]');
      expect(await new SnapshotStore(dataDir).list()).toEqual([]);
      return failure;
    },
  },
]);
