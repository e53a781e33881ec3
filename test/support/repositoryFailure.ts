// Awaits a git operation that must fail and hands back its RepositoryError for closer checks.
import { expect } from 'vitest';
import { RepositoryError } from '../../engine/git/index.ts';

export async function repositoryFailure(promise: Promise<unknown>): Promise<RepositoryError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RepositoryError);
  return error as RepositoryError;
}
