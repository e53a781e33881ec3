// The API a scmProvider or pullRequest generator names, made ready for one generation: the URL
// checked (http or https, no credentials, on the allowedScmProviders list when the user keeps one,
// as Argo CD's allowedSCMProviders), and the token its tokenRef names read from the keychain. A
// token goes only to a provider's public API (no `api` given) or to an API URL the user listed:
// a set from someone else's repository cannot send the user's token to a server of its choosing.
import { GeneratorError } from '../errors.ts';
import { serverUrl } from '../http/boundedRequest.ts';
import { isRecord } from '../params.ts';
import type { GeneratorRun } from '../generators/run.ts';
import { ScmApi } from './api.ts';
import { giteaApiRoot, giteaAuth } from './gitea.ts';
import { githubApiRoot, githubAuth } from './github.ts';
import { gitlabApiRoot, gitlabAuth } from './gitlab.ts';

export type ProviderName = 'gitea' | 'github' | 'gitlab';

const ROOTS: Record<ProviderName, { root: (api: string) => string; auth: typeof giteaAuth; what: string }> = {
  gitea: { root: giteaApiRoot, auth: giteaAuth, what: 'the Gitea API' },
  github: { root: githubApiRoot, auth: githubAuth, what: 'the GitHub API' },
  gitlab: { root: gitlabApiRoot, auth: gitlabAuth, what: 'the GitLab API' },
};

/** A string field of the provider's config ('' when absent). */
export function field(config: Record<string, unknown>, key: string, provider: string): string {
  const value = config[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new GeneratorError(`${provider}.${key} is not a string`);
  return value;
}

/** A boolean field of the provider's config (`fallback` when absent). */
export function flag(
  config: Record<string, unknown>,
  key: string,
  provider: string,
  fallback = false,
): boolean {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new GeneratorError(`${provider}.${key} is not true or false`);
  return value;
}

/** A list of strings of the provider's config (labels). */
export function stringList(config: Record<string, unknown>, key: string, provider: string): string[] {
  const value = config[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new GeneratorError(`${provider}.${key} is not a list of strings`);
  return value;
}

/** The provider's config must name `key` (an owner, a repository). */
export function required(config: Record<string, unknown>, key: string, provider: string): string {
  const value = field(config, key, provider);
  if (value === '') throw new GeneratorError(`${provider}.${key} is empty`);
  return value;
}

async function tokenOf(
  config: Record<string, unknown>,
  api: string,
  provider: ProviderName,
  run: GeneratorRun,
): Promise<string | undefined> {
  const ref = config.tokenRef;
  if (ref === undefined || ref === null) return undefined;
  if (!isRecord(ref) || typeof ref.secretName !== 'string' || typeof ref.key !== 'string')
    throw new GeneratorError(`${provider}.tokenRef needs a secretName and a key`);
  if (api !== '' && !run.scm.allowedApis.includes(api))
    throw new GeneratorError(
      `the token ${ref.secretName}/${ref.key} is sent only to a provider's public API or to an API URL of the setting allowedScmProviders, and ${api.slice(0, 200)} is not one of them: add it there to use the token with it`,
    );
  return run.scm.token(ref.secretName, ref.key).catch((error: Error) => {
    throw new GeneratorError(`error fetching Secret token: ${error.message}`);
  });
}

export async function connectApi(
  config: Record<string, unknown>,
  provider: ProviderName,
  run: GeneratorRun,
): Promise<ScmApi> {
  const api = field(config, 'api', provider);
  const { allowedApis } = run.scm;
  if (api !== '' && allowedApis.length > 0 && !allowedApis.includes(api))
    throw new GeneratorError(
      `scm provider not allowed: scm provider ${JSON.stringify(api.slice(0, 200))} not allowed, must use one of the following: ${allowedApis.join(', ')}`,
    );
  if (provider === 'gitea' && api === '')
    throw new GeneratorError('gitea.api is empty: name the Gitea server');
  if (config.caRef !== undefined && config.caRef !== null)
    throw new GeneratorError(
      `${provider}.caRef is not supported yet: Plumbline verifies TLS with the system's certificate authorities`,
    );
  if (config.appSecretName !== undefined && config.appSecretName !== null && config.appSecretName !== '')
    throw new GeneratorError(
      `${provider}.appSecretName (GitHub App authentication) is not supported yet: use a tokenRef`,
    );
  const { root, auth, what } = ROOTS[provider];
  const base = serverUrl(
    root(api === '' ? '' : serverUrl(api, `${provider}.api`).toString()),
    `${provider}.api`,
  );
  const token = await tokenOf(config, api, provider, run);
  return new ScmApi({
    base,
    auth: auth(token),
    insecure: flag(config, 'insecure', provider),
    what,
    timeoutMs: run.limits.scmTimeoutMs,
    maxBytes: run.limits.maxScmResponseBytes,
    maxRequests: run.limits.maxScmRequests,
  });
}

/** The one provider the generator's spec configures, among `supported`; the others are errors. */
export function providerOf(
  spec: Record<string, unknown>,
  supported: readonly ProviderName[],
  others: readonly string[],
  kind: string,
): { provider: ProviderName; config: Record<string, unknown> } {
  const named = [...supported, ...others].filter((key) => spec[key] !== undefined && spec[key] !== null);
  if (named.length === 0) throw new GeneratorError(`no ${kind} provider implementation configured`);
  const [first] = named as [string];
  if (!(supported as readonly string[]).includes(first))
    throw new GeneratorError(
      `the ${first} provider of the ${kind} generator is not supported yet (supported: ${supported.join(', ')})`,
    );
  const config = spec[first];
  if (!isRecord(config)) throw new GeneratorError(`${kind}.${first} is not a map`);
  return { provider: first as ProviderName, config };
}
