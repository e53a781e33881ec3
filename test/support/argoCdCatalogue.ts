// Argo CD's own resource_customizations catalogue (health checks and actions, with the test data
// Argo CD tests them with), from the Argo CD Go module in the Go module cache: test/setup.sh
// downloads it from the Go module proxy once; `go mod download` finds it there afterwards.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The Argo CD release whose catalogue the compatibility tests read. */
export const ARGO_CD_MODULE = 'github.com/argoproj/argo-cd/v3@v3.5.7';

let dir: string | undefined;

export function argoCdCatalogue(): string {
  if (!dir) {
    const answer = execFileSync('go', ['mod', 'download', '-json', ARGO_CD_MODULE], {
      encoding: 'utf8',
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
      timeout: 300_000,
    });
    dir = join((JSON.parse(answer) as { Dir: string }).Dir, 'resource_customizations');
  }
  return dir;
}
