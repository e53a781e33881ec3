// Turns any failure of the git or render steps into the one line a condition shows, scrubbed of
// credentials (a render error quotes its tool, which may quote a URL or a token).
import { scrub } from '../git/index.ts';

export function describeFailure(error: unknown): string {
  return scrub(error instanceof Error ? error.message : String(error));
}
