// Unpacks one layer of an OCI artifact (a tar, gzipped or not) into a fresh folder, as a hostile
// archive: only regular files and folders are written (symlinks, hard links, devices and fifos
// are refused, naming the entry), no name may be absolute or climb with `..`, and the files,
// their count and their total size are bounded. The archive is read as a stream, never whole.
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';

export interface ExtractLimits {
  /** Total bytes of the files written. */
  maxBytes: number;
  /** Files and folders written. */
  maxEntries: number;
}

export class ExtractError extends Error {}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  if ((header[start] ?? 0) & 0x80) throw new ExtractError('an entry is too large (base-256 size)');
  const text = field(header, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new ExtractError('not a tar archive (bad size field)');
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = field(header, 148, 8).trim();
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return stored !== '' && parseInt(stored, 8) === sum;
}

function paxRecords(body: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(body.subarray(offset, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = body.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}

/** The entry's path relative to the destination, or an error for one that would leave it. */
export function safeEntryPath(name: string): string | undefined {
  if (name.includes('\0')) throw new ExtractError(`entry ${JSON.stringify(name)}: a NUL in its name`);
  const slashed = name.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    throw new ExtractError(`entry ${name}: an absolute path`);
  }
  const parts = slashed.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new ExtractError(`entry ${name}: climbs out of the archive with ..`);
  if (parts.length === 0) return undefined; // `./` itself
  return normalize(parts.join(sep));
}

type EntryKind = 'file' | 'dir' | 'meta' | 'skip';

function kindOf(type: string, name: string): EntryKind {
  switch (type) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'dir';
    case 'L':
    case 'x':
      return 'meta';
    case 'g':
      return 'skip'; // global pax header: nothing Plumbline reads
    case '1':
      throw new ExtractError(`entry ${name}: a hard link (links are not unpacked)`);
    case '2':
      throw new ExtractError(`entry ${name}: a symbolic link (links are not unpacked)`);
    case '3':
    case '4':
      throw new ExtractError(`entry ${name}: a device file`);
    case '6':
      throw new ExtractError(`entry ${name}: a fifo`);
    default:
      throw new ExtractError(`entry ${name}: unsupported tar entry type ${JSON.stringify(type)}`);
  }
}

/** Unpacks `archive` (tar, gzipped when `gzipped`) into `dest`, which must exist and be empty. */
export async function extractLayer(
  archive: string,
  dest: string,
  gzipped: boolean,
  limits: ExtractLimits,
): Promise<{ files: number; bytes: number }> {
  let pending: Buffer = Buffer.alloc(0);
  let entries = 0;
  let bytes = 0;
  let files = 0;
  // the entry being read: its remaining body bytes, padding, and where they go
  let remaining = 0;
  let padding = 0;
  let target: FileHandle | undefined;
  let meta: Buffer[] | undefined;
  let metaKind: 'L' | 'x' | undefined;
  let longName: string | undefined;
  let paxSize: number | undefined;
  let ended = false;
  const made = new Set<string>([dest]);

  const ensureDir = async (dir: string) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    made.add(dir);
  };

  const startEntry = async (header: Buffer) => {
    if (!checksumOk(header)) throw new ExtractError('not a tar archive (bad header checksum)');
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const rawName = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const size = paxSize ?? octal(header, 124, 12);
    const kind = kindOf(type, rawName);
    if (kind === 'meta') {
      if (size > 1024 * 1024) throw new ExtractError(`entry ${rawName}: an oversized ${type} header`);
      meta = [];
      metaKind = type as 'L' | 'x';
    } else {
      longName = undefined;
      paxSize = undefined;
    }
    remaining = size;
    padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (kind === 'dir' || kind === 'skip') {
      // bodies that are read and dropped count too: a folder entry with a huge body is a bomb
      if (bytes + size > limits.maxBytes) throw new ExtractError(`entry ${rawName}: an oversized body`);
      bytes += size;
    }
    if (kind !== 'file' && kind !== 'dir') return;
    const relative = safeEntryPath(rawName);
    if (relative === undefined) return;
    entries += 1;
    if (entries > limits.maxEntries) {
      throw new ExtractError(`more than ${limits.maxEntries} files and folders in the archive`);
    }
    const path = join(dest, relative);
    if (kind === 'dir') {
      await ensureDir(path);
      return;
    }
    if (bytes + size > limits.maxBytes) {
      throw new ExtractError(`the archive unpacks to more than ${limits.maxBytes} bytes (at ${rawName})`);
    }
    bytes += size;
    files += 1;
    await ensureDir(dirname(path));
    // `wx`: a second entry of the same name (or a folder there) is refused, not followed
    target = await open(path, 'wx', 0o644).catch((error: NodeJS.ErrnoException) => {
      throw new ExtractError(`entry ${rawName}: cannot be written (${error.code ?? error.message})`);
    });
    if (size === 0) {
      await target.close();
      target = undefined;
    }
  };

  const endMeta = () => {
    const body = Buffer.concat(meta ?? []);
    if (metaKind === 'L') longName = field(body, 0, body.length);
    else {
      const records = paxRecords(body);
      if (records.path !== undefined) longName = records.path;
      if (records.size !== undefined) {
        const size = Number(records.size);
        if (!Number.isSafeInteger(size) || size < 0) throw new ExtractError('a pax header with a bad size');
        paxSize = size;
      }
    }
    meta = undefined;
    metaKind = undefined;
  };

  const consume = async (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (remaining > 0) {
        if (pending.length === 0) return;
        const take = pending.subarray(0, Math.min(remaining, pending.length));
        pending = pending.subarray(take.length);
        remaining -= take.length;
        if (meta) meta.push(Buffer.from(take));
        else if (target) await target.write(take);
        if (remaining === 0) {
          if (meta) endMeta();
          if (target) {
            await target.close();
            target = undefined;
          }
        }
        continue;
      }
      if (padding > 0) {
        const skip = Math.min(padding, pending.length);
        pending = pending.subarray(skip);
        padding -= skip;
        if (padding > 0) return;
        continue;
      }
      if (ended) return;
      if (pending.length < BLOCK) return;
      const header = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (header.every((byte) => byte === 0)) {
        ended = true;
        return;
      }
      await startEntry(header);
      if (remaining === 0 && meta) endMeta();
    }
  };

  const source = createReadStream(archive);
  const stream = gzipped ? source.pipe(createGunzip()) : source;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      await consume(chunk);
      if (ended) break;
    }
    if (!ended && (remaining > 0 || padding > 0 || pending.length > 0)) {
      throw new ExtractError('the archive ends in the middle of an entry');
    }
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError(
      `not a readable ${gzipped ? 'gzipped ' : ''}tar archive (${(error as Error).message})`,
    );
  } finally {
    await target?.close().catch(() => undefined);
    source.destroy();
    if (stream !== source) (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
  return { files, bytes };
}
