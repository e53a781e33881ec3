// The bad-input corpus: hostile or broken inputs, each with the outcome it must produce.
// Every area file (test/badinput/<area>.test.ts) declares its cases with badInputCases, so each
// case runs under a time limit and checks that nothing left the sandbox: a marker file outside
// the repository holds a unique string that must never appear in anything the case produced.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempDir.js';

/** A file outside every repository a case builds; its content must never leak into a result. */
export interface OutsideMarker {
  /** absolute path of the marker file */
  path: string;
  /** the folder it lives in (a sibling of the case's repositories) */
  dir: string;
  /** the unique text inside it */
  secret: string;
}

export function outsideMarker(): OutsideMarker {
  const dir = join(tempDir('plumbline-outside-'), 'private');
  mkdirSync(dir, { recursive: true });
  const secret = `marker-${randomBytes(12).toString('hex')}`;
  const path = join(dir, 'secret.txt');
  writeFileSync(path, `${secret}\n`);
  return { path, dir, secret };
}

export interface BadInputCase {
  /** what the input is, as the corpus lists it */
  name: string;
  /** what it must give: a condition, a refusal, a clean error */
  outcome: string;
  /** runs the input; returns anything it produced (output, conditions, files) for the leak check */
  run: (marker: OutsideMarker) => Promise<unknown>;
  /** per-case limit; a case that hangs fails (default 20 s) */
  timeoutMs?: number;
}

/** Registers the cases of one area: each one a test named "<input> → <outcome>". */
export function badInputCases(area: string, cases: BadInputCase[]): void {
  describe(`bad input: ${area}`, () => {
    const marker = outsideMarker();
    for (const badCase of cases) {
      it(`${badCase.name} → ${badCase.outcome}`, { timeout: badCase.timeoutMs ?? 20_000 }, async () => {
        const produced = await badCase.run(marker);
        expect(JSON.stringify(produced ?? null)).not.toContain(marker.secret);
      });
    }
  });
}
