// The list generator: `elements` as written and `elementsYaml` parsed by the safe YAML loader.
// In the default template mode an element's values must be strings (a nested `values` map
// becomes `values.KEY`); elementsYaml's elements are taken as they are, as Argo CD does.
import { activeYamlLimits, parseYamlValue } from '../../yaml/index.ts';
import { GeneratorError } from '../errors.ts';
import { isRecord, type Params } from '../params.ts';
import type { GeneratorRun } from './run.ts';

function flatElement(element: Record<string, unknown>): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'values') {
      if (!isRecord(value)) throw new GeneratorError('error parsing values map: values is not a map');
      for (const [name, item] of Object.entries(value)) {
        if (typeof item !== 'string')
          throw new GeneratorError(`error parsing value as string: values.${name} is not a string`);
        params[`values.${name}`] = item;
      }
    } else {
      if (typeof value !== 'string')
        throw new GeneratorError(`error parsing value as string: element key ${key} is not a string`);
      params[key] = value;
    }
  }
  return params;
}

export function listParams(spec: Record<string, unknown>, run: GeneratorRun): Params[] {
  const elements = spec.elements ?? [];
  if (!Array.isArray(elements)) throw new GeneratorError('list.elements is not a list');
  run.checkCount(elements.length, 'list elements');
  const params = elements.map((element, index) => {
    if (!isRecord(element)) throw new GeneratorError(`list element ${index} is not a map`);
    return run.goTemplate ? element : flatElement(element);
  });
  if (typeof spec.elementsYaml === 'string' && spec.elementsYaml !== '') {
    const parsed = parseYamlValue(spec.elementsYaml, {
      source: 'list.elementsYaml',
      limits: activeYamlLimits(),
      merge: true,
    });
    if (!Array.isArray(parsed) || !parsed.every(isRecord))
      throw new GeneratorError('error unmarshling decoded ElementsYaml: it is not a list of maps');
    run.checkCount(params.length + parsed.length, 'list elements');
    params.push(...parsed);
  }
  return params;
}
