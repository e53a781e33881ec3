// The snapshot file format: a round trip keeps every object and its observation time, Secret
// values never reach a file (not even through stringData or the last-applied annotation), every
// kind of damaged file is refused with a message saying what is wrong, and kubectl's List and
// multi-document YAML output read as snapshots.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  encodeSnapshot,
  KUBECTL_CLUSTER,
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  SnapshotError,
  snapshotAsOf,
  type SnapshotFile,
} from '../../../engine/snapshot/index.ts';

const secretValue = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk'; // "super-secret-password"

function secret(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db',
      namespace: 'shop',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          data: { password: secretValue },
        }),
        team: 'payments',
      },
    },
    data: { password: secretValue },
    stringData: { token: 'plain-token-value' },
  };
}

function snapshot(objects: Record<string, unknown>[] = []): SnapshotFile {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cluster: { name: 'prod', server: 'https://prod.example:6443' },
    exportedAt: '2026-01-02T03:04:05.000Z',
    namespaces: null,
    objects: objects.map((object, i) => ({
      observedAt: `2026-01-02T03:0${i}:00.000Z`,
      object: object as SnapshotFile['objects'][number]['object'],
    })),
  };
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { replicas: 3 },
};

async function refusal(bytes: Buffer, limits = SNAPSHOT_LIMITS): Promise<SnapshotError> {
  const error = await decodeSnapshot(bytes, 'file.gz', { limits }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotError);
  return error as SnapshotError;
}

describe('snapshot format', () => {
  it('round trips objects with their observation times, gzip-compressed', async () => {
    const bytes = await encodeSnapshot(snapshot([deployment]));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const read = await decodeSnapshot(bytes, 'file.gz');
    expect(read.cluster).toEqual({ name: 'prod', server: 'https://prod.example:6443' });
    expect(read.objects).toEqual([{ observedAt: '2026-01-02T03:00:00.000Z', object: deployment }]);
    expect(snapshotAsOf(read)).toBe('2026-01-02T03:04:05.000Z');
  });

  it('keeps the keys of a Secret and removes every value, stringData and last-applied included', async () => {
    const bytes = await encodeSnapshot(snapshot([secret()]));
    const text = JSON.stringify(JSON.parse((await import('node:zlib')).gunzipSync(bytes).toString()));
    expect(text).not.toContain(secretValue);
    expect(text).not.toContain('plain-token-value');
    expect(text).not.toContain('last-applied-configuration');
    const read = await decodeSnapshot(bytes, 'file.gz');
    const object = read.objects[0]!.object as Record<string, unknown>;
    expect(object.data).toEqual({ password: '', token: '' });
    expect(object.stringData).toBeUndefined();
    expect((object.metadata as { annotations: unknown }).annotations).toEqual({ team: 'payments' });
  });

  it('removes Secret values from a file written by something else when it is read', async () => {
    const raw = { ...snapshot(), objects: [{ observedAt: '2026-01-02T03:00:00.000Z', object: secret() }] };
    const read = await decodeSnapshot(gzipSync(JSON.stringify(raw)), 'file.gz');
    expect(JSON.stringify(read)).not.toContain(secretValue);
  });

  it('refuses a file that is neither gzip nor text', async () => {
    const error = await refusal(Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x80, 0x81]));
    expect(error.message).toMatch(/file\.gz: neither a gzip-compressed snapshot nor kubectl output/);
  });

  it('refuses a truncated file', async () => {
    const bytes = await encodeSnapshot(snapshot([deployment, deployment]));
    const error = await refusal(bytes.subarray(0, bytes.length - 10));
    expect(error.reason).toBe('truncated');
    expect(error.message).toMatch(/truncated/);
  });

  it('refuses a damaged gzip stream', async () => {
    const bytes = Buffer.from(await encodeSnapshot(snapshot([deployment])));
    bytes.fill(0x55, 12, 30);
    const error = await refusal(bytes);
    expect(['not-gzip', 'truncated']).toContain(error.reason);
  });

  it('refuses another version of the format, naming both', async () => {
    const error = await refusal(gzipSync(JSON.stringify({ ...snapshot(), version: 2 })));
    expect(error.reason).toBe('version');
    expect(error.message).toMatch(/version 2; this Plumbline reads version 1/);
  });

  it('refuses another format', async () => {
    const error = await refusal(gzipSync(JSON.stringify({ ...snapshot(), format: 'something/else' })));
    expect(error.reason).toBe('format');
  });

  it('refuses gzip content that is not JSON nor YAML', async () => {
    const error = await refusal(gzipSync('{ this is not json: [ }'));
    expect(['not-json', 'format']).toContain(error.reason);
  });

  it('refuses an object without a name, saying where', async () => {
    const bad = {
      ...snapshot(),
      objects: [
        { observedAt: '2026-01-02T03:00:00Z', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } },
      ],
    };
    const error = await refusal(gzipSync(JSON.stringify(bad)));
    expect(error.reason).toBe('invalid');
    expect(error.message).toMatch(/objects\.0\.object\.metadata\.name/);
  });

  it('stops a gzip bomb at the decompressed size limit', async () => {
    const limits = { ...SNAPSHOT_LIMITS, decompressedBytes: 1024 * 1024 };
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await refusal(bomb, limits);
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/decompresses to more than 1 MiB/);
  });

  it('refuses a file over the compressed size limit before reading it', async () => {
    const limits = { ...SNAPSHOT_LIMITS, compressedBytes: 100 };
    const error = await refusal(await encodeSnapshot(snapshot([deployment, deployment, deployment])), limits);
    expect(error.reason).toBe('too-large');
  });

  it('refuses more objects than the limit', async () => {
    const limits = { ...SNAPSHOT_LIMITS, objects: 3 };
    const error = await refusal(
      await encodeSnapshot(snapshot([deployment, deployment, deployment, deployment])),
      limits,
    );
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/4 objects, over the snapshot limit of 3/);
  });

  it('refuses nesting past the depth limit', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 500; i++) deep = { a: deep };
    const error = await refusal(await encodeSnapshot(snapshot([{ ...deployment, spec: deep as object }])));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/nested more than 110 levels/);
  });
});

describe('kubectl output as a snapshot', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec: {replicas: 2}
- apiVersion: v1
  kind: Secret
  metadata: {name: db, namespace: shop}
  data: {password: ${secretValue}}
metadata:
  resourceVersion: ""
`;

  it('reads a List, observed at the time given, Secret values removed', async () => {
    const read = await decodeSnapshot(Buffer.from(list), 'get.yaml', {
      fallbackTime: '2026-03-01T00:00:00.000Z',
    });
    expect(read.cluster.name).toBe(KUBECTL_CLUSTER);
    expect(read.objects.map((o) => o.object.kind)).toEqual(['Deployment', 'Secret']);
    expect(read.objects[0]!.observedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(JSON.stringify(read)).not.toContain(secretValue);
  });

  it('reads multi-document YAML and kubectl -o json, gzip-compressed too', async () => {
    const multi = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: x}\n`;
    expect((await decodeSnapshot(Buffer.from(multi), 'm.yaml')).objects).toHaveLength(2);
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment] });
    expect((await decodeSnapshot(gzipSync(json), 'l.json.gz')).objects).toHaveLength(1);
  });

  it('refuses YAML that holds no Kubernetes objects', async () => {
    const error = await refusal(Buffer.from('just: a mapping\n'));
    expect(error.message).toMatch(/item 1 is not a Kubernetes object/);
    const empty = await refusal(Buffer.from('# nothing\n'));
    expect(empty.reason).toBe('format');
  });

  it('refuses a YAML alias bomb through the safe loader', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const error = await refusal(Buffer.from(`${lines.join('\n')}\n`));
    expect(error.reason).toBe('too-large');
  });
});
