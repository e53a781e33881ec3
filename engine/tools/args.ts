// The one way a tool's command line is built from input. A value that comes from a repository, an
// Application or a settings file never stands where the tool could read it as an option: option
// values are joined to their flag (`--namespace=x`), operands (a release name, a chart, a folder)
// go after `--`, and any such value that starts with `-` or holds a NUL or line break is refused
// before the tool starts, naming what it was (`helm release name "--set-file=..."`).

/** An input value a tool would misread; the message names the value and where it came from. */
export class ToolArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolArgumentError';
  }
}

export interface ValueRules {
  /** Line breaks are allowed (a `--set` value); NUL never is. */
  multiline?: boolean;
}

/** Why `value` can not be handed to a tool as `what`, or null when it can. */
export function argumentProblem(value: string, what: string, rules: ValueRules = {}): string | null {
  const shown = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (value.includes('\0')) return `${what} ${shown} contains a NUL character`;
  if (!rules.multiline && /[\r\n]/.test(value)) return `${what} ${shown} contains a line break`;
  if (value.startsWith('-'))
    return `${what} ${shown} can not start with "-": a tool would read it as an option`;
  return null;
}

export function checkArgument(value: string, what: string, rules: ValueRules = {}): string {
  const problem = argumentProblem(value, what, rules);
  if (problem) throw new ToolArgumentError(problem);
  return value;
}

/**
 * A tool's arguments: the subcommand and Plumbline's own flags as written, input values checked.
 * `build()` puts every operand after `--`, which helm, kustomize and kubectl (cobra) and git honour.
 */
export class ToolArgs {
  private readonly leading: string[];
  private readonly options: string[] = [];
  private readonly operands: string[] = [];

  /** `command`: the subcommand words (`template`, `kustomize`), never input. */
  constructor(...command: string[]) {
    this.leading = command;
  }

  /** A flag of Plumbline's own choosing (`--include-crds`), never input. */
  flag(name: string): this {
    this.options.push(name);
    return this;
  }

  /** `--name=value` with an input value; `what` names the value in a refusal. */
  option(name: string, value: string, what: string, rules: ValueRules = {}): this {
    this.options.push(`${name}=${checkArgument(value, what, rules)}`);
    return this;
  }

  /** A positional input value (a release name, a chart, a folder): placed after `--`. */
  operand(value: string, what: string): this {
    this.operands.push(checkArgument(value, what));
    return this;
  }

  build(): string[] {
    return this.operands.length === 0
      ? [...this.leading, ...this.options]
      : [...this.leading, ...this.options, '--', ...this.operands];
  }
}
