// Reads a file the engine was pointed at by someone else (a kubeconfig named in KUBECONFIG, a
// workspace file, a settings file) without trusting what it is: only a regular file is read, and
// only up to a size limit. The file is opened non-blocking and checked on the open descriptor, so
// a FIFO, a device, a folder or a kernel pseudo-file is refused at once instead of hanging the
// process or feeding it without end.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
} from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/** A file that is not a regular file, or is larger than the limit; the message names both. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly path: string,
    /** ENOENT and the like when the system refused; 'not-regular', 'too-large', 'pseudo-file' when we did. */
    readonly code: string,
    /** The file's size, when it is too large and the size is known. */
    readonly size?: number,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

// Kernel file systems whose "regular" files have no size and may block or never end (/proc/kmsg).
const PSEUDO_FILE_ROOTS = process.platform === 'linux' ? ['/proc', '/sys', '/dev'] : ['/dev'];

/** Whether `path` (after links are followed) lies in a kernel pseudo file system. */
export function isPseudoFilePath(path: string): boolean {
  const absolute = resolve(path);
  return PSEUDO_FILE_ROOTS.some((root) => absolute === root || absolute.startsWith(`${root}${sep}`));
}

function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export interface RegularFileOptions {
  /** The most bytes the file may hold. */
  maxBytes: number;
  /** What the file is, for messages ("kubeconfig", "workspace file"); the path follows it. */
  what?: string;
  /** Names the setting that raises maxBytes, for the message. */
  limitSetting?: string;
}

/** `size` undefined: the file grew past the limit while being read. */
function tooLarge(path: string, size: number | undefined, options: RegularFileOptions): FileReadError {
  const setting = options.limitSetting ? ` (setting ${options.limitSetting})` : '';
  const found = size === undefined ? `more than ${formatBytes(options.maxBytes)}` : formatBytes(size);
  return new FileReadError(
    `${options.what ?? 'file'} ${path} is ${found}, over the limit of ${formatBytes(options.maxBytes)}${setting}`,
    path,
    'too-large',
    size,
  );
}

/**
 * The bytes of a regular file, refused before reading when it is anything else or too large.
 * Errors of the system (ENOENT, EACCES) come back as FileReadError with their code.
 */
export async function readRegularFile(path: string, options: RegularFileOptions): Promise<Buffer> {
  const what = options.what ?? 'file';
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw brokenLink(path, what) ?? systemError(error, what, path);
  }
  if (isPseudoFilePath(real)) throw pseudoFile(what, path, real);
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw systemError(error, what, path);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(what, path, stats);
    if (stats.size > options.maxBytes) throw tooLarge(path, stats.size, options);
    return await readUpTo(handle, stats.size, path, options);
  } finally {
    await handle.close();
  }
}

/** Reads to the end, one byte past the limit at most: a file that grew since its stat is still refused. */
async function readUpTo(
  handle: FileHandle,
  size: number,
  path: string,
  options: RegularFileOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let next = size + 1;
  for (;;) {
    const room = options.maxBytes + 1 - total;
    if (room <= 0) throw tooLarge(path, undefined, options);
    const chunk = Buffer.alloc(Math.min(next, room));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    next = 64 * 1024;
  }
}

/**
 * readRegularFile for the few callers that must stay synchronous (a kubeconfig loaded while a
 * connection is made). Same checks, same errors.
 */
export function readRegularFileSync(path: string, options: RegularFileOptions): Buffer {
  const what = options.what ?? 'file';
  let real: string;
  let fd: number;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw brokenLink(path, what) ?? systemError(error, what, path);
  }
  if (isPseudoFilePath(real)) throw pseudoFile(what, path, real);
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw systemError(error, what, path);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(what, path, stats);
    if (stats.size > options.maxBytes) throw tooLarge(path, stats.size, options);
    const chunks: Buffer[] = [];
    let total = 0;
    let next = stats.size + 1;
    for (;;) {
      const room = options.maxBytes + 1 - total;
      if (room <= 0) throw tooLarge(path, undefined, options);
      const chunk = Buffer.alloc(Math.min(next, room));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, total);
      if (bytesRead === 0) return Buffer.concat(chunks);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      next = 64 * 1024;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A link whose target cannot be resolved to a path although the link exists: a link to a pipe or
 * a socket of /proc (`/proc/self/fd/0`). Refused, not taken for a missing file.
 */
function brokenLink(path: string, what: string): FileReadError | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    const target = readlinkSync(path);
    if (!isPseudoFilePath(resolve(dirname(path), target))) return undefined;
    return new FileReadError(
      `${what} ${path} is a link to ${target}, not a regular file`,
      path,
      'not-regular',
    );
  } catch {
    return undefined;
  }
}

function systemError(error: unknown, what: string, path: string): FileReadError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  return new FileReadError(`read ${what} ${path}: ${describeSystemError(error)}`, path, code);
}

function pseudoFile(what: string, path: string, real: string): FileReadError {
  return new FileReadError(
    `${what} ${path} is a kernel pseudo-file (${real}); only regular files are read`,
    path,
    'pseudo-file',
  );
}

function notRegular(what: string, path: string, stats: Parameters<typeof kindOf>[0]): FileReadError {
  return new FileReadError(
    `${what} ${path} is ${kindOf(stats)}; only regular files are read`,
    path,
    'not-regular',
  );
}

/** A regular file as UTF-8 text (see readRegularFile). */
export async function readRegularTextFile(path: string, options: RegularFileOptions): Promise<string> {
  return (await readRegularFile(path, options)).toString('utf8');
}

function describeSystemError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links (a link loop)';
  if (code === 'EISDIR') return 'it is a folder';
  return message;
}
