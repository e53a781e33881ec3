// `templatePatch`: a YAML or JSON text, its `{{param}}`s substituted, applied to each rendered
// Application as Argo CD applies it (a strategic merge patch on the Application type): maps merge
// key by key, `null` deletes a key, lists are replaced, except `metadata.finalizers`, which are
// merged (the union, in order) as ObjectMeta's patch strategy says.
import { activeYamlLimits, parseYamlValue } from '../yaml/index.ts';
import { GeneratorError } from './errors.ts';
import { isRecord } from './params.ts';

function mergePatch(target: unknown, patch: unknown, path: string): unknown {
  if (!isRecord(patch) || !isRecord(target)) return patch;
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (value === null) delete out[key];
    else if (at === 'metadata.finalizers' && Array.isArray(value) && Array.isArray(out[key]))
      out[key] = [...new Set([...(out[key] as unknown[]), ...value])];
    else out[key] = mergePatch(out[key], value, at);
  }
  return out;
}

/** The application with the substituted patch text applied; the text must hold one map. */
export function applyTemplatePatch(
  application: Record<string, unknown>,
  patchText: string,
): Record<string, unknown> {
  let patch: unknown;
  try {
    patch = parseYamlValue(patchText, { source: 'templatePatch', limits: activeYamlLimits() });
  } catch (error) {
    throw new GeneratorError(`invalid templatePatch: ${(error as Error).message}`);
  }
  if (patch === null) return application;
  if (!isRecord(patch))
    throw new GeneratorError('invalid templatePatch: it is not a map of Application fields');
  return mergePatch(application, patch, '') as Record<string, unknown>;
}
