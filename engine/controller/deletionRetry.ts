// When the resources of an application leaving its parent or its set could not be deleted (an
// operation of it still running, its cluster away for a moment), the deletion is tried again on
// its own: after 2 s, the wait doubling up to a minute, for as long as it fails.
const FIRST_MS = 2_000;
const MAX_MS = 60_000;

/** Runs `again` after the wait for this attempt (0: the first retry); it never keeps the process alive. */
export function retryDeletion(attempt: number, again: () => void): void {
  setTimeout(again, Math.min(MAX_MS, FIRST_MS * 2 ** attempt)).unref();
}
