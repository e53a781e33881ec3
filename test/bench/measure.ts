// Runs a piece of work several times and reports its median, so one slow run does not decide.
export interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export async function measure(
  name: string,
  runs: number,
  work: () => Promise<unknown> | unknown,
): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { name, runs, medianMs, minMs: times[0]!, maxMs: times.at(-1)! };
}

export function report(measurement: Measurement): void {
  const { name, runs, medianMs, minMs, maxMs } = measurement;
  console.log(
    `${name.padEnd(58)} median ${medianMs.toFixed(2).padStart(9)} ms  (min ${minMs.toFixed(2)}, max ${maxMs.toFixed(2)}, ${runs} runs)`,
  );
}
