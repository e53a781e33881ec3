// Reads a YAML file from disk for the safe loader: a regular file only, its size checked before
// a byte is read, and its bytes decoded as strict UTF-8 (a leading byte-order mark is dropped),
// as Go's YAML requires. Every refusal is a YamlError naming the file.
import { FileReadError, formatBytes, readRegularFile } from '../files/regularFile.ts';
import { activeYamlLimits, limitError, YamlError, YAML_LIMIT_SETTINGS, type YamlLimits } from './limits.ts';

export interface ReadYamlFileOptions {
  limits?: YamlLimits;
  /** What the file is ("kubeconfig", "workspace file"), for messages. */
  what?: string;
  /** How the file is named in messages (a path relative to the workspace); the path by default. */
  name?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, refusing invalid sequences with the offset of the first one. */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new YamlError(`${source}: not valid UTF-8 (first bad byte at offset ${offset})`, source, 'read');
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Halving search: the longest valid prefix ends where the first invalid sequence starts.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isValidPrefix(bytes.subarray(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isValidPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export async function readYamlFile(path: string, options: ReadYamlFileOptions = {}): Promise<string> {
  const limits = options.limits ?? activeYamlLimits();
  const name = options.name ?? path;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, {
      maxBytes: limits.fileBytes,
      what: options.what ?? 'YAML file',
      limitSetting: YAML_LIMIT_SETTINGS.fileBytes,
    });
  } catch (error) {
    if (error instanceof FileReadError && error.code === 'too-large')
      throw limitError(
        name,
        'fileBytes',
        limits.fileBytes,
        `the file is ${error.size === undefined ? 'growing past the limit' : formatBytes(error.size)}`,
      );
    const message = error instanceof Error ? error.message : String(error);
    throw new YamlError(message.replaceAll(path, name), name, 'read');
  }
  return decodeUtf8(bytes, name);
}
