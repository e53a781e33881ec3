// The first ApplicationSet of a YAML text (a file given to the CLI, an edit in the UI), read with
// the workspace's YAML limits and checked against Argo CD's schema; anything else is an error
// that names the source.
import { z } from 'zod';
import { applicationSetSchema, type ApplicationSet } from '../model/index.ts';
import { activeYamlLimits, parseYamlValues } from '../yaml/index.ts';

export function applicationSetFromText(text: string, source: string): ApplicationSet {
  const { values } = parseYamlValues(text, { source, limits: activeYamlLimits() });
  const document = values.find(
    (value) =>
      typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ApplicationSet',
  );
  if (document === undefined) throw new Error(`${source} holds no ApplicationSet`);
  const checked = applicationSetSchema.safeParse(document);
  if (!checked.success)
    throw new Error(`${source}: not a valid ApplicationSet: ${z.prettifyError(checked.error)}`);
  return checked.data;
}
