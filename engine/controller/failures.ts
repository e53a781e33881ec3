// Turns any failure of the git or render steps into the one line a condition shows.
import { RepositoryError, scrub } from '../git/index.ts';
import { RenderError } from '../render/index.ts';

export function describeFailure(error: unknown): string {
  if (error instanceof RepositoryError) return error.message;
  if (error instanceof RenderError) return error.message;
  return scrub(error instanceof Error ? error.message : String(error));
}
