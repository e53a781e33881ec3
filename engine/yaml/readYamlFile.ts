// Reads a YAML file from disk for the safe loader: a regular file only, its size checked before
// a byte is read, and its bytes decoded as strict UTF-8 (a leading byte-order mark is dropped),
// as Go's YAML requires. Every refusal is a YamlError naming the file.
import { FileReadError, formatBytes, readRegularFile, readRegularFileSync } from '../files/regularFile.ts';
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
  // The valid prefix may end inside a sequence (a lead byte waiting for its continuation): the
  // bad sequence starts where the last complete character ends, at most three bytes earlier.
  for (let end = low; end > Math.max(0, low - 4); end--) if (isComplete(bytes.subarray(0, end))) return end;
  return Math.max(0, low - 3);
}

function isComplete(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isValidPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function fileOptions(options: ReadYamlFileOptions, limits: YamlLimits) {
  return {
    maxBytes: limits.fileBytes,
    what: options.what ?? 'YAML file',
    limitSetting: YAML_LIMIT_SETTINGS.fileBytes,
  };
}

/** A refusal of the file reader as the loader's error, the file named as the caller names it. */
function readFailure(error: unknown, path: string, name: string, limits: YamlLimits): YamlError {
  if (error instanceof FileReadError && error.code === 'too-large') {
    const size = error.size === undefined ? 'growing past the limit' : formatBytes(error.size);
    return limitError(name, 'fileBytes', limits.fileBytes, `the file is ${size}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof FileReadError ? error.code : undefined;
  return new YamlError(message.replaceAll(path, name), name, 'read', undefined, undefined, code);
}

export async function readYamlFile(path: string, options: ReadYamlFileOptions = {}): Promise<string> {
  const limits = options.limits ?? activeYamlLimits();
  const name = options.name ?? path;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, fileOptions(options, limits));
  } catch (error) {
    throw readFailure(error, path, name, limits);
  }
  return decodeUtf8(bytes, name);
}

/** readYamlFile for callers that must stay synchronous. */
export function readYamlFileSync(path: string, options: ReadYamlFileOptions = {}): string {
  const limits = options.limits ?? activeYamlLimits();
  const name = options.name ?? path;
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path, fileOptions(options, limits));
  } catch (error) {
    throw readFailure(error, path, name, limits);
  }
  return decodeUtf8(bytes, name);
}
