// The limits every YAML text the engine reads is held to — workspace files, manifests in a
// repository, what helm and kustomize print, kubeconfigs — and the one error type the safe loader
// throws. A text over a limit is refused with a message naming the source and the limit, before
// it can cost the engine its memory or its stack.
import { formatBytes } from '../files/regularFile.ts';

export interface YamlLimits {
  /** Bytes of one file or one tool output. */
  fileBytes: number;
  /** Nesting of mappings and sequences (flow and block together). */
  depth: number;
  /** Documents in one stream. */
  documents: number;
  /** Aliases resolved in one document, weighted by what they expand to (yaml's maxAliasCount). */
  aliases: number;
  /** Bytes of one mapping key. */
  keyBytes: number;
}

/**
 * Sized so that no real manifest meets them — the deepest CRD schemas nest about 60 levels, a
 * Kubernetes object is at most 1.5 MiB — while a hostile file costs at most a few hundred MiB.
 */
export const DEFAULT_YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  fileBytes: 10 * 1024 * 1024,
  depth: 100,
  documents: 10_000,
  aliases: 1_000,
  keyBytes: 64 * 1024,
});

let active: YamlLimits = { ...DEFAULT_YAML_LIMITS };

/**
 * The limits of the settings file this process read last (the defaults until it reads one).
 * Process-wide because every reader of YAML — workspace, renders, kubeconfigs — must apply the
 * same limits, and one process serves one data folder.
 */
export function activeYamlLimits(): YamlLimits {
  return active;
}

export function setActiveYamlLimits(limits: YamlLimits): void {
  active = { ...limits };
}

/** The settings key of each limit, for messages that say how to raise it. */
export const YAML_LIMIT_SETTINGS: Readonly<Record<keyof YamlLimits, string>> = Object.freeze({
  fileBytes: 'limits.yamlFileBytes',
  depth: 'limits.yamlDepth',
  documents: 'limits.yamlDocuments',
  aliases: 'limits.yamlAliases',
  keyBytes: 'limits.yamlKeyBytes',
});

/** The limits a settings file asks for, the defaults where it says nothing valid. */
export function yamlLimitsOf(setting: Partial<Record<string, unknown>> | undefined): YamlLimits {
  const pick = (key: keyof YamlLimits, name: string): number => {
    const value = setting?.[name];
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      ? value
      : DEFAULT_YAML_LIMITS[key];
  };
  return {
    fileBytes: pick('fileBytes', 'yamlFileBytes'),
    depth: pick('depth', 'yamlDepth'),
    documents: pick('documents', 'yamlDocuments'),
    aliases: pick('aliases', 'yamlAliases'),
    keyBytes: pick('keyBytes', 'yamlKeyBytes'),
  };
}

export type YamlErrorReason = 'limit' | 'syntax' | 'read';

/**
 * Why a YAML text could not be loaded. `source` names the file or the tool output; `limit` which
 * limit was met. The message is complete on its own (source, limit, the setting that raises it).
 */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly reason: YamlErrorReason,
    readonly limit?: keyof YamlLimits,
    /** 1-based line, where known. */
    readonly line?: number,
    /** For a file that could not be read: the system's code (ENOENT, EACCES) or 'not-regular', 'pseudo-file'. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

export function limitError(
  source: string,
  limit: keyof YamlLimits,
  allowed: number,
  found: string,
  line?: number,
): YamlError {
  const bound = limit === 'fileBytes' || limit === 'keyBytes' ? formatBytes(allowed) : String(allowed);
  const what = {
    fileBytes: 'size',
    depth: 'nesting depth',
    documents: 'number of documents',
    aliases: 'alias expansion',
    keyBytes: 'mapping key size',
  }[limit];
  const at = line === undefined ? '' : ` (line ${line})`;
  return new YamlError(
    `${source}: ${found}${at}, over the YAML limit on ${what} of ${bound} (setting ${YAML_LIMIT_SETTINGS[limit]})`,
    source,
    'limit',
    limit,
    line,
  );
}
