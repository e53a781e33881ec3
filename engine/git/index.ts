// engine/git: the repository cache of the repo server. Everything else in the engine imports from here.
export { createRepositoryCache } from './repositoryCache.ts';
export type { OperationOptions, RepositoryCache, RepositoryCacheOptions } from './repositoryCache.ts';
export type { CommitMetadata } from './commitLog.ts';
export type { RevertAuthor } from './revert.ts';
export type { GitProgress, ProgressListener } from './runGit.ts';
export { RepositoryError, repositoryErrorKinds, repositoryErrorSchema } from './repositoryError.ts';
export type { RepositoryErrorKind } from './repositoryError.ts';
export { normalizeRepoUrl, parseRepoUrl } from './repoUrl.ts';
export type { ParsedRepoUrl, RepoTransport } from './repoUrl.ts';
export { scrub, scrubUrlCredentials } from './scrub.ts';
export type { SignedRevision } from './signedObject.ts';
export { submodulesEnabled } from './submodules.ts';
export { refuseLfsPointers } from './lfs.ts';
