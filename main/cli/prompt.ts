// Asking the person at the terminal before a command changes something.
import { createInterface } from 'node:readline/promises';

/** A yes/no question; only `y` or `yes` counts as yes. */
export async function confirmed(question: string): Promise<boolean> {
  // The question goes to stderr: stdout may be a file, the person is at the terminal.
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
