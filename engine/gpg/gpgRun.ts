// Runs gpg the one way Plumbline does: in a GnuPG home of its own (never the user's ~/.gnupg),
// without a terminal, an agent or a key server (nothing is fetched; public-key work needs
// neither), with the limits of every external tool (time, output, memory) and file operands
// after `--`. Status lines go to a file, read whatever gpg's exit code was: a bad signature
// exits non-zero and is still an answer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool, ToolArgs, ToolError } from '../tools/index.ts';

export const GPG_TIMEOUT_MS = 30_000;
const MAX_GPG_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface GpgResult {
  stdout: string;
  /** `[GNUPG:] ...` lines. */
  status: string[];
  /** gpg's own words when it failed; '' when it succeeded. */
  failure: string;
}

/** `command`: gpg's own flags (`--import`, `--verify`); `operands`: files, after `--`. */
export async function runGpg(home: string, command: string[], operands: string[] = []): Promise<GpgResult> {
  const scratch = await mkdtemp(join(home, '.status-'));
  const statusFile = join(scratch, 'status');
  const args = new ToolArgs();
  for (const flag of ['--batch', '--no-tty', '--no-autostart', '--no-permission-warning', '--with-colons'])
    args.flag(flag);
  args.option('--homedir', home, 'GnuPG home').option('--status-file', statusFile, 'status file');
  for (const flag of command) args.flag(flag);
  for (const operand of operands) args.operand(operand, 'gpg operand');
  try {
    let stdout = '';
    let failure = '';
    try {
      stdout = (
        await runTool('gpg', args, {
          env: { GNUPGHOME: home, HOME: home, LC_ALL: 'C' },
          timeoutMs: GPG_TIMEOUT_MS,
          maxOutputBytes: MAX_GPG_OUTPUT_BYTES,
          maxMemoryBytes: 512 * 1024 * 1024,
        })
      ).stdout;
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      // gpg not installed, or stopped at a limit: no answer to read
      if (error.limit || error.exitCode === 'ENOENT' || error.exitCode === undefined) throw error;
      failure = error.stderr || error.message;
    }
    const status = (await readFile(statusFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line.startsWith('[GNUPG:] '))
      .map((line) => line.slice('[GNUPG:] '.length));
    return { stdout, status, failure };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
