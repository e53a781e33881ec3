// Builds tar archives entry by entry, hostile ones included (names with `..`, absolute paths,
// links, devices, declared sizes that lie), for the tests of safe extraction.
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  /** '0' file, '5' folder, '1' hard link, '2' symlink, '3'/'4' devices, '6' fifo, 'x' pax, 'L' GNU long name. */
  type?: string;
  content?: Buffer | string;
  linkname?: string;
  /** The size written in the header, when it should differ from the content's. */
  declaredSize?: number;
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

export function tarHeader(entry: TarEntry, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(entry.name.slice(0, 100), 0, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(size, 12), 124);
  header.write(octal(0, 12), 136);
  header.write(' '.repeat(8), 148);
  header.write(entry.type ?? '0', 156);
  if (entry.linkname) header.write(entry.linkname.slice(0, 100), 157);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148);
  return header;
}

export function tar(entries: TarEntry[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    parts.push(tarHeader(entry, entry.declaredSize ?? content.length));
    parts.push(content);
    const padding = (512 - (content.length % 512)) % 512;
    parts.push(Buffer.alloc(padding));
  }
  if (options.end !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const tgz = (entries: TarEntry[]): Buffer => gzipSync(tar(entries));

/** One pax record, `<length> <key>=<value>\n`, its length counting its own digits. */
export function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (`${length}`.length + Buffer.byteLength(rest) !== length) length += 1;
  return `${length}${rest}`;
}
