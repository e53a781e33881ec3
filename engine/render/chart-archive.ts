// Reads the files of a packaged chart (`charts/<name>-<version>.tgz`, a gzipped tar) in memory,
// so that what helm will load from a dependency can be checked before helm runs. Only regular
// files are returned; ustar prefixes, GNU long names and pax `path` records give their full names.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);
const BLOCK = 512;

export interface ArchiveFile {
  name: string;
  content: Buffer;
}

function text(buffer: Buffer, start: number, length: number): string {
  const field = buffer.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function octal(buffer: Buffer, start: number, length: number, archive: string): number {
  // Base-256 sizes (high bit set) mean files of 8 GB or more: no chart has one.
  if ((buffer[start] ?? 0) & 0x80) throw new Error(`${archive}: an entry is too large to be a chart file`);
  const value = text(buffer, start, length).trim();
  return value === '' ? 0 : parseInt(value, 8);
}

function paxPath(records: Buffer): string | undefined {
  // Each record is `<length> <key>=<value>\n`.
  for (const line of records.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export interface ArchiveEntry extends ArchiveFile {
  /** The tar type flag: '0' (or NUL) a file, '5' a folder, '2' a symlink, '1' a hard link, ... */
  type: string;
}

/** Every entry of a .tgz (long names resolved), at most `maxBytes` once unpacked. */
export async function archiveEntries(
  archive: Buffer,
  label: string,
  maxBytes: number,
): Promise<ArchiveEntry[]> {
  let tar: Buffer;
  try {
    tar = await gunzipAsync(archive, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new Error(
      `${label}: not a readable .tgz (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header, 124, 12, label);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(body, 0, body.length);
    } else if (type === 'x') {
      longName = paxPath(body) ?? longName;
    } else if (type !== 'g') {
      const prefix = text(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      longName = undefined;
      entries.push({ name, type, content: body });
    }
  }
  return entries;
}

/** The regular files of a .tgz, at most `maxBytes` once unpacked. */
export async function archiveFiles(archive: Buffer, label: string, maxBytes: number): Promise<ArchiveFile[]> {
  const entries = await archiveEntries(archive, label, maxBytes);
  return entries
    .filter((entry) => entry.type === '0' || entry.type === '\0' || entry.type === '7')
    .map(({ name, content }) => ({ name, content }));
}
