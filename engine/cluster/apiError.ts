// The error every call to a Kubernetes API server throws: what was attempted on which cluster,
// the HTTP status (0 when no response came) and the server's own Status reason and message.
// It never carries request headers, so a token cannot leak through it.

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export class KubeApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server did not answer (refused, reset, timed out). */
    readonly status: number,
    /** Kubernetes' Status reason (`Forbidden`, `NotFound`, `Expired`…) or the network error code. */
    readonly reason: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** No answer, or the server (or something in front of it) could not serve: retry later. */
export function isUnreachableError(error: unknown): boolean {
  if (!(error instanceof KubeApiError)) return false;
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof KubeApiError ? error.status : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
