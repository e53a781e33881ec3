// The last line of defence of a long-running host (`plumbline serve`): an unhandled promise
// rejection or an uncaught exception is a bug, logged with its stack under a fixed marker that
// the tests look for (test/support/cli.ts fails a test file whose host printed it), and the host
// keeps serving the other clients. Only a burst of uncaught exceptions — something broken for
// good, not one bad request — stops it, with exit code 70, so whoever runs it sees it stopped.
export const unhandledMarker = 'BUG: unhandled error in the host';

export const burstLimit = { exceptions: 10, withinMs: 10_000 };

interface ProcessLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  exit(code: number): void;
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? `${reason.name}: ${reason.message}`;
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
}

export function guardProcess(log: (line: string) => void, target: ProcessLike = process): void {
  const recent: number[] = [];
  target.on('unhandledRejection', (reason) => {
    log(`${unhandledMarker} (an unhandled rejection; still serving): ${describe(reason)}`);
  });
  target.on('uncaughtException', (error) => {
    const now = Date.now();
    recent.push(now);
    while (recent.length > 0 && recent[0]! < now - burstLimit.withinMs) recent.shift();
    if (recent.length >= burstLimit.exceptions) {
      log(
        `${unhandledMarker} (${recent.length} uncaught exceptions within ${burstLimit.withinMs / 1000} s; stopping): ${describe(error)}`,
      );
      target.exit(70);
      return;
    }
    log(`${unhandledMarker} (an uncaught exception; still serving): ${describe(error)}`);
  });
}
