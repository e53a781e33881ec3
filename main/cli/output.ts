// Output formats shared by the commands: JSON for scripts, aligned tables for people.
import { Option } from 'commander';

export type OutputFormat = 'json' | 'table';

export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format').choices(['json', 'table']).default('table');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

/** A commit as people quote it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
