// Validation at every process boundary: a call's name, its input and its output.
import { calls, events, isCallName } from './contract.ts';
import type { CallName, CallInput, CallOutput, EngineEvent } from './contract.ts';
import { ContractError, describeIssues } from './errors.ts';

export function parseCallName(name: unknown): CallName {
  if (!isCallName(name)) throw new ContractError('unknown-call', `unknown call ${JSON.stringify(name)}`);
  return name;
}

export function parseCallInput<N extends CallName>(name: N, input: unknown): CallInput<N> {
  const result = calls[name].input.safeParse(input ?? {});
  if (!result.success) {
    throw new ContractError('invalid-input', `${name}: ${describeIssues('input', result.error)}`);
  }
  return result.data as CallInput<N>;
}

export function parseCallOutput<N extends CallName>(name: N, output: unknown): CallOutput<N> {
  const result = calls[name].output.safeParse(output);
  if (!result.success) {
    throw new ContractError(
      'failed',
      `${name} answered outside the contract: ${describeIssues('output', result.error)}`,
    );
  }
  return result.data as CallOutput<N>;
}

export function parseEvent(value: unknown): EngineEvent {
  const candidate = value as { event?: unknown; payload?: unknown } | null;
  const name = candidate?.event;
  if (typeof name !== 'string' || !Object.hasOwn(events, name)) {
    throw new ContractError('invalid-input', `unknown event ${JSON.stringify(name)}`);
  }
  const schema = events[name as keyof typeof events];
  const result = schema.safeParse(candidate?.payload);
  if (!result.success)
    throw new ContractError('invalid-input', `${name}: ${describeIssues('payload', result.error)}`);
  return { event: name, payload: result.data } as EngineEvent;
}
