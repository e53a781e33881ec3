// What every generator of one set's generation shares: the template mode, the limits, and the
// sources of clusters and repositories.
import { GeneratorError } from '../errors.ts';
import type { AppSetLimits } from '../limits.ts';
import type { Params } from '../params.ts';
import type { ClusterSource, RepositorySource } from '../sources.ts';

export interface GeneratorRun {
  goTemplate: boolean;
  limits: AppSetLimits;
  clusters: ClusterSource;
  repositories: RepositorySource;
  /** Refuses `count` parameter sets (or elements) over the applications limit. */
  checkCount(count: number, what: string): void;
}

export function countChecker(limits: AppSetLimits): GeneratorRun['checkCount'] {
  return (count, what) => {
    if (count > limits.maxApplications)
      throw new GeneratorError(
        `${count} ${what} is over the limit of ${limits.maxApplications} generated applications of one set`,
      );
  };
}

/** Argo CD's `values` of a generator: each value templated with the parameters, added as `values.KEY`. */
export function addValues(
  params: Params,
  values: unknown,
  render: (text: string, params: Params) => string,
): Params {
  if (values === undefined || values === null) return params;
  if (typeof values !== 'object' || Array.isArray(values)) throw new GeneratorError('values is not a map');
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new GeneratorError(`values.${key} is not a string`);
    params[`values.${key}`] = render(value, params);
  }
  return params;
}
