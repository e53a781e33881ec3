// The one error of ApplicationSet generation: which set, which generator (its index among the
// set's generators and its kind) and what went wrong, so a preview or a condition names its cause.
export interface GeneratorPlace {
  /** 0-based index among the set's top-level generators. */
  index: number;
  kind: string;
}

export class ApplicationSetError extends Error {
  readonly setName: string;
  readonly generator: GeneratorPlace | undefined;
  readonly detail: string;

  constructor(setName: string, detail: string, generator?: GeneratorPlace) {
    const where = generator ? `, generator ${generator.index} (${generator.kind})` : '';
    super(`ApplicationSet ${setName}${where}: ${detail}`);
    this.name = 'ApplicationSetError';
    this.setName = setName;
    this.generator = generator;
    this.detail = detail;
  }
}

/** An error inside one generator, before the set and the generator's place are known. */
export class GeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}
