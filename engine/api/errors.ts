// Errors that cross the contract: a stable code plus a message meant for people.
import { z } from 'zod';

export const errorCodes = ['invalid-input', 'unknown-call', 'failed', 'unavailable'] as const;
export type ContractErrorCode = (typeof errorCodes)[number];

export const contractErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toJSON(): z.infer<typeof contractErrorSchema> {
    return { code: this.code, message: this.message };
  }

  static from(error: unknown): ContractError {
    if (error instanceof ContractError) return error;
    const parsed = contractErrorSchema.safeParse(error);
    if (parsed.success) return new ContractError(parsed.data.code, parsed.data.message);
    return new ContractError('failed', error instanceof Error ? error.message : String(error));
  }
}

/** Formats zod issues as one readable line: `input.port: expected number`. */
export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
