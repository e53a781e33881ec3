// Limits on what one ApplicationSet may make the engine do: a set is untrusted input (it comes
// from git), and a list, a matrix or a git tree can multiply into more work than any real set needs.
export interface AppSetLimits {
  /** Generated applications of one set, and parameter sets of any one generator on the way. */
  maxApplications: number;
  /** Characters of one parameter value (a string, or a number/boolean as written). */
  maxParamChars: number;
  /** Matrix and merge nesting: Argo CD allows a matrix or merge inside a top-level one, no deeper. */
  maxNesting: number;
  /** Files and folders walked in one repository checkout by a git generator. */
  maxGitEntries: number;
  /** Nesting of maps and lists in one parameter set (a plugin's answer, a plugin's input). */
  maxParamDepth: number;
  /** Bytes of a plugin generator's answer. */
  maxPluginResponseBytes: number;
  /** Milliseconds a plugin generator's answer may take; a ConfigMap's requestTimeout can only lower it. */
  pluginTimeoutMs: number;
  /** Bytes of one answer of an SCM provider's API (a page of repositories, branches, pull requests). */
  maxScmResponseBytes: number;
  /** Milliseconds one request to an SCM provider's API may take. */
  scmTimeoutMs: number;
  /** Requests one scmProvider or pullRequest generator may make (pages, branches, labels, paths). */
  maxScmRequests: number;
}

export const DEFAULT_APPSET_LIMITS: AppSetLimits = {
  maxApplications: 10_000,
  maxParamChars: 64 * 1024,
  maxNesting: 2,
  maxGitEntries: 100_000,
  maxParamDepth: 32,
  maxPluginResponseBytes: 8 * 1024 * 1024,
  // Argo CD's plugin client waits 30 seconds by default
  pluginTimeoutMs: 30_000,
  maxScmResponseBytes: 8 * 1024 * 1024,
  scmTimeoutMs: 30_000,
  maxScmRequests: 2_000,
};
