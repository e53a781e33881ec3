// The limits every render runs under, from the `render` setting with its defaults: how many bytes
// of manifests and how many objects one render may produce, and how much memory (and, from
// RenderOptions.timeoutMs, time) one helm or kustomize process may take; and whether a render may
// reach outside the repository (remote kustomize bases, remote schema references).
import { DEFAULT_TOOL_LIMITS } from '../tools/run.ts';
import { RenderError } from './errors.ts';
import type { RenderOptions, RenderSettings, ToolLimits } from './types.ts';

const MB = 1024 * 1024;

export const RENDER_SETTING_DEFAULTS: Required<RenderSettings> = {
  allowRemoteKustomizeBases: false,
  allowRemoteSchemaRefs: false,
  // As Argo CD's limit of a folder's manifests, and the YAML loader's of one file: parsing costs
  // about 40 times the text's size in memory, so what a render may print is kept as small.
  maxOutputMegabytes: 10,
  maxObjects: 20_000,
  maxToolMemoryMegabytes: DEFAULT_TOOL_LIMITS.maxMemoryBytes / MB,
};

export interface RenderLimits {
  tool: ToolLimits;
  maxOutputBytes: number;
  maxObjects: number;
  allowRemoteKustomizeBases: boolean;
  allowRemoteSchemaRefs: boolean;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function renderLimitsOf(options: Pick<RenderOptions, 'renderSettings' | 'timeoutMs'>): RenderLimits {
  const setting = options.renderSettings ?? {};
  const d = RENDER_SETTING_DEFAULTS;
  const maxOutputBytes = Math.floor(positive(setting.maxOutputMegabytes, d.maxOutputMegabytes) * MB);
  const maxMemoryBytes = Math.floor(positive(setting.maxToolMemoryMegabytes, d.maxToolMemoryMegabytes) * MB);
  return {
    tool: {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      maxOutputBytes,
      maxMemoryBytes,
    },
    maxOutputBytes,
    maxObjects: Math.floor(positive(setting.maxObjects, d.maxObjects)),
    allowRemoteKustomizeBases: setting.allowRemoteKustomizeBases ?? d.allowRemoteKustomizeBases,
    allowRemoteSchemaRefs: setting.allowRemoteSchemaRefs ?? d.allowRemoteSchemaRefs,
  };
}

/** Refuses a render of more objects than the limit (setting render.maxObjects). */
export function assertObjectCount(count: number, limits: RenderLimits, what: string): void {
  if (count > limits.maxObjects) {
    throw new RenderError(
      `${what} produced ${count} objects, over the limit of ${limits.maxObjects} (setting render.maxObjects)`,
    );
  }
}

/** Refuses manifests of more bytes than the limit (setting render.maxOutputMegabytes). */
export function assertOutputBytes(bytes: number, limits: RenderLimits, what: string): void {
  if (bytes > limits.maxOutputBytes) {
    throw new RenderError(
      `${what} is more than ${Math.round(limits.maxOutputBytes / MB)} MB of manifests (setting render.maxOutputMegabytes)`,
    );
  }
}
