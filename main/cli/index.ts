// Entry point of the CLI: runs the program and maps outcomes to exit codes
// (0 ok, 1 failed, 2 usage).
import { CommanderError } from 'commander';
import { buildProgram } from './program.ts';
import { scrub } from '../../engine/git/scrub.ts';

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exitCode = ok ? 0 : 2;
  } else {
    // a failure of the command's own work (render --repo) may quote a tool: never a credential
    process.stderr.write(`plumbline: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  }
}
