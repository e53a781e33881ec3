// Hostile progressive syncs (strategy RollingSync): thousands of steps over thousands of
// applications, huge matchExpressions values, operators that are no operator, maxUpdate values
// out of range, negative, fractional, non-numeric or flag-like. Each either is refused with the
// set (as Argo CD's schema refuses it), becomes an InvalidRolloutConfig message, or works as
// Argo CD computes it — never a hang or a crash.
import { expect } from 'vitest';
import { rolloutPass } from '../../engine/appset/rollingSync.ts';
import {
  checkRolloutSteps,
  maxUpdateAllowed,
  type RolloutStep,
} from '../../engine/appset/rollingSyncSteps.ts';
import { applicationSetSchema } from '../../engine/model/index.ts';
import { appSet } from '../support/appsetFixtures.ts';
import { badInputCases } from './corpus.ts';
import { rolloutApp } from '../support/appsetFixtures.ts';

const fleet = (count: number) =>
  Array.from({ length: count }, (_, i) => rolloutApp(`app-${i}`, { env: i % 2 ? 'prod' : 'dev' }));
const now = '2026-01-01T00:00:00.000Z';

/** A set with these steps as Argo CD's schema reads it: the parse error, or the steps. */
function parsed(steps: unknown): { error?: string; ok?: boolean } {
  const result = applicationSetSchema.safeParse(
    appSet([], { strategy: { type: 'RollingSync', rollingSync: { steps } } } as never),
  );
  return result.success ? { ok: true } : { error: result.error.issues[0]!.message };
}

function timed<T>(run: () => T, ms: number): T {
  const started = Date.now();
  const result = run();
  expect(Date.now() - started).toBeLessThan(ms);
  return result;
}

badInputCases('ApplicationSet RollingSync', [
  {
    name: '5,000 steps over 2,000 applications',
    outcome: 'one pass in well under a second per thousand steps; only the first step syncs',
    run: async () => {
      const steps: RolloutStep[] = Array.from({ length: 5_000 }, (_, i) => ({
        matchExpressions: [{ key: 'env', operator: 'In', values: [i === 0 ? 'dev' : `env-${i}`] }],
      }));
      const apps = fleet(2_000);
      const pass = timed(() => rolloutPass(steps, apps, apps, [], now), 10_000);
      expect(pass.toSync).toHaveLength(1_000);
      expect(pass.invalidConfig).toMatch(/^Steps \[2 3 4/);
      return pass.invalidConfig?.slice(0, 200);
    },
    timeoutMs: 30_000,
  },
  {
    name: 'a matchExpression with 200,000 values and a 1 MB value',
    outcome: 'matched as usual',
    run: async () => {
      const values = [...Array.from({ length: 200_000 }, (_, i) => `v${i}`), 'x'.repeat(1 << 20), 'prod'];
      const steps: RolloutStep[] = [{ matchExpressions: [{ key: 'env', operator: 'In', values }] }];
      const apps = fleet(1_000);
      const pass = timed(() => rolloutPass(steps, apps, apps, [], now), 10_000);
      expect(pass.toSync).toHaveLength(500);
      return pass.toSync.length;
    },
    timeoutMs: 30_000,
  },
  {
    name: "operators Exists, DoesNotExist, '', '--all', 'In; rm -rf /' and a 100 kB one",
    outcome: 'InvalidRolloutConfig naming them; nothing with the key selected by them',
    run: async () => {
      const operators = ['Exists', 'DoesNotExist', '', '--all', 'In; rm -rf /', 'O'.repeat(100_000)];
      const steps: RolloutStep[] = operators.map((operator) => ({
        matchExpressions: [{ key: 'env', operator, values: ['dev'] }],
      }));
      const apps = fleet(4);
      const pass = rolloutPass(steps, apps, apps, [], now);
      expect(pass.toSync).toEqual([]);
      expect(pass.invalidConfig).toMatch(
        /^Steps 1, 2, 3, 4, 5, 6 have invalid matchExpression operators: Exists, /,
      );
      return pass.invalidConfig?.slice(0, 200);
    },
  },
  {
    name: "label keys '__proto__', 'constructor', 'toString'",
    outcome: 'never found on an application without them',
    run: async () => {
      const steps: RolloutStep[] = ['__proto__', 'constructor', 'toString'].map((key) => ({
        matchExpressions: [{ key, operator: 'In', values: ['[object Object]', ''] }],
      }));
      const apps = fleet(2);
      const pass = rolloutPass(steps, apps, apps, [], now);
      expect(pass.toSync).toEqual([]);
      expect(pass.statuses.every((s) => s.step === '-1')).toBe(true);
      return pass.statuses;
    },
  },
  {
    name: 'maxUpdate "1000000%", "99999999999999999999%", -5, "-10%", "00%", "abc", "--5%", "1e3%", " 5%", "5"',
    outcome: 'as Argo CD computes them: a huge percentage all, a negative integer none, the rest one',
    run: async () => {
      const values: Array<number | string> = [
        '1000000%',
        '99999999999999999999%',
        -5,
        '-10%',
        '00%',
        'abc',
        '--5%',
        '1e3%',
        ' 5%',
        '5',
      ];
      const results = values.map((value) => maxUpdateAllowed(value, 4));
      expect(results.map((r) => r.value)).toEqual([40_000, 1, -5, 1, 1, 1, 1, 1, 1, 1]);
      expect(results.map((r) => r.invalid)).toEqual([
        false,
        true,
        false,
        false,
        false,
        true,
        true,
        true,
        true,
        true,
      ]);
      const apps = fleet(4).map((a) => ({ ...a, labels: { env: 'prod' } }));
      const negative = rolloutPass([{ maxUpdate: -5 }], apps, apps, [], now);
      expect(negative.toSync).toEqual([]);
      const flag = rolloutPass([{ maxUpdate: '--5%' }], apps, apps, [], now);
      expect(flag.toSync).toEqual(['app-0']);
      expect(flag.invalidConfig).toBe('Step 1 has an invalid maxUpdate value: --5%');
      return results;
    },
  },
  {
    name: 'maxUpdate 1.5, 2^40, true, null, an object; a step that is a string; operator 7',
    outcome: 'the set is refused as Argo CD’s schema refuses it',
    run: async () => {
      const bad: unknown[] = [
        [{ maxUpdate: 1.5 }],
        [{ maxUpdate: 2 ** 40 }],
        [{ maxUpdate: true }],
        [{ maxUpdate: null }],
        [{ maxUpdate: { value: 1 } }],
        ['step'],
        [{ matchExpressions: [{ key: 'env', operator: 7 }] }],
        [{ matchExpressions: [{ key: 'env', operator: 'In', values: 'dev' }] }],
      ];
      const results = bad.map(parsed);
      for (const result of results) expect(result.error).toBeDefined();
      expect(parsed([{ maxUpdate: -(2 ** 31) }]).ok).toBe(true);
      return results;
    },
  },
  {
    name: 'RollingSync with no steps, and with steps: []',
    outcome: "'No steps defined for rollout': nothing is created or updated",
    run: async () => {
      const empty = appSet([], { strategy: { type: 'RollingSync', rollingSync: { steps: [] } } });
      const none = appSet([], { strategy: { type: 'RollingSync', rollingSync: {} } });
      expect(() => checkRolloutSteps(empty)).toThrow('ApplicationSet shop: No steps defined for rollout');
      expect(() => checkRolloutSteps(none)).toThrow('No steps defined for rollout');
      // no rollingSync block at all is AllAtOnce, as in Argo CD
      expect(() => checkRolloutSteps(appSet([], { strategy: { type: 'RollingSync' } }))).not.toThrow();
      return null;
    },
  },
]);
