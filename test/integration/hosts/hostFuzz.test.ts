// Fuzzes the headless host over raw TCP: 2,000 random request lines, headers, upgrade requests,
// WebSocket frame sequences and plain bytes from a seeded generator, many connections at once,
// within 30 s. Every answer must be a client error or a closed socket (never a 5xx), and after
// them the host still answers an authenticated contract call and has logged no unhandled error.
// A failure names its seed: PLUMBLINE_FUZZ_SEED=<seed> replays the same inputs.
import { describe, expect, it } from 'vitest';
import { unhandledMarker } from '../../../main/host/processGuards.ts';
import { Draw, fuzzInput, seededRandom, type FuzzInput } from '../../support/hostFuzzInputs.ts';
import { hostAnswers, rawExchange, rawWebSocket, useServingHost } from '../../support/rawHost.ts';

const inputCount = 2_000;
const budgetMs = 30_000;
const parallel = 16;
const seed = Number(process.env.PLUMBLINE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const serving = useServingHost();

interface Outcome {
  index: number;
  kind: FuzzInput['kind'];
  status?: number;
  closeCode?: number;
  error?: string;
}

async function send(input: FuzzInput, index: number): Promise<Outcome> {
  try {
    if (input.kind === 'frames') {
      const answer = await rawWebSocket(serving.host.port, serving.host.token, input.frames, { waitMs: 300 });
      return { index, kind: input.kind, closeCode: answer.closeCode };
    }
    const answer = await rawExchange(serving.host.port, input.bytes, 300);
    return { index, kind: input.kind, status: answer.status };
  } catch (error) {
    return { index, kind: input.kind, error: (error as Error).message };
  }
}

describe('the headless host under fuzzed input', () => {
  it(
    `survives ${inputCount} random requests and frames (seed ${seed})`,
    { timeout: budgetMs + 30_000 },
    async () => {
      const draw = new Draw(seededRandom(seed));
      // Drawn up front, in order, so the inputs depend on the seed alone, not on timing.
      const inputs = Array.from({ length: inputCount }, () =>
        fuzzInput(draw, serving.host.port, serving.host.token),
      );
      const outcomes: Outcome[] = [];
      const started = Date.now();
      let next = 0;
      const worker = async () => {
        while (next < inputs.length && Date.now() - started < budgetMs) {
          const index = next++;
          outcomes.push(await send(inputs[index]!, index));
        }
      };
      await Promise.all(Array.from({ length: parallel }, worker));
      const elapsed = Date.now() - started;
      const replay = `seed ${seed} (replay: PLUMBLINE_FUZZ_SEED=${seed})`;
      const tally = new Map<string, number>();
      for (const { kind, status, closeCode } of outcomes) {
        const key = `${kind}:${status ?? (closeCode ? `close ${closeCode}` : 'no answer')}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const answers = [...tally].sort().map(([key, count]) => `${key}×${count}`);
      console.log(`host fuzz: ${outcomes.length} inputs in ${elapsed} ms, ${replay}\n${answers.join(' ')}`);

      expect(outcomes.length, `inputs sent within ${budgetMs} ms, ${replay}`).toBe(inputCount);
      const serverErrors = outcomes.filter((outcome) => (outcome.status ?? 0) >= 500);
      expect(serverErrors, `answers 5xx, ${replay}`).toEqual([]);
      // a refused handshake only happens when the host stopped accepting WebSockets
      expect(
        outcomes.filter((outcome) => outcome.error),
        `WebSocket handshakes refused, ${replay}`,
      ).toEqual([]);
      expect(
        serving.host.process.exitCode,
        `the host process ended, ${replay}:\n${serving.host.output().slice(-3000)}`,
      ).toBeNull();
      expect(
        await hostAnswers(serving.host.port, serving.host.token),
        `a contract call afterwards, ${replay}`,
      ).toMatchObject({ ok: true });
      expect(serving.host.output(), replay).not.toContain(unhandledMarker);
    },
  );
});
