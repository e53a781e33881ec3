// How much work of each kind the engine runs at once — git processes, renders (helm, kustomize,
// directory reads) and application operations (syncs) — from the `concurrency` setting, with
// defaults sized to the machine. One WorkLimits per engine, shared by every application, so a
// burst of a thousand refreshes queues instead of starting a thousand processes.
import { availableParallelism } from 'node:os';
import { createLimiter, type Limiter } from './limiter.ts';

export interface ConcurrencySetting {
  git?: number;
  render?: number;
  operations?: number;
}

/** A typo (100000) must not start a process per application of a fleet at once. */
export const MAX_SIZE = 256;

/** Argo CD's application controller runs 10 operation processors unless told otherwise. */
const DEFAULT_OPERATIONS = 10;

export function defaultConcurrency(cores = availableParallelism()): Required<ConcurrencySetting> {
  return {
    // git processes mostly wait on disk and network: twice the cores keeps the cores busy.
    git: Math.max(2, cores * 2),
    render: Math.max(1, cores),
    operations: DEFAULT_OPERATIONS,
  };
}

export class WorkLimits {
  readonly git: Limiter;
  readonly render: Limiter;
  readonly operations: Limiter;

  constructor(setting: ConcurrencySetting = {}) {
    const sizes = sizesOf(setting);
    this.git = createLimiter(sizes.git);
    this.render = createLimiter(sizes.render);
    this.operations = createLimiter(sizes.operations);
  }

  /** A new setting (or none: the defaults) applies to work that starts from now on. */
  apply(setting: ConcurrencySetting | undefined): void {
    const sizes = sizesOf(setting);
    this.git.resize(sizes.git);
    this.render.resize(sizes.render);
    this.operations.resize(sizes.operations);
  }
}

/** The setting's sizes where it gives one, the defaults elsewhere. */
function sizesOf(setting: ConcurrencySetting | undefined): Required<ConcurrencySetting> {
  const sizes = defaultConcurrency();
  for (const kind of ['git', 'render', 'operations'] as const) {
    const size = setting?.[kind];
    if (typeof size === 'number' && size >= 1) sizes[kind] = Math.min(MAX_SIZE, Math.floor(size));
  }
  return sizes;
}
