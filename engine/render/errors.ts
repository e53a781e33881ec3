// The one error a render throws: what failed, in which file (relative to the repository) and by
// which tool, with the tool's own message. It becomes a condition on the application.
export class RenderError extends Error {
  readonly file?: string;
  readonly tool?: string;

  constructor(message: string, details: { file?: string; tool?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RenderError';
    if (details.file !== undefined) this.file = details.file;
    if (details.tool !== undefined) this.tool = details.tool;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
