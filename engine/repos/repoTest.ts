// `repos.test`: tries a repository with what is stored for it and says what failed — for git a
// ref listing (git ls-remote), for Helm `GET index.yaml`, for an OCI registry the `/v2/` ping and
// its token flow — classified (testFailure.ts) from the tool's own words, which are scrubbed of
// every credential before they leave.
import { scrub } from '../git/scrub.ts';
import type { RepositoryCache } from '../git/repositoryCache.ts';
import { probeHttp, type ProbeOptions } from './probeHttp.ts';
import type { RepoConnection } from './repoConnections.ts';
import { classifyRepoProblem, problemAdvice, type RepoTestProblem } from './testFailure.ts';
import type { RepoType } from './repoEntry.ts';

export interface RepoTestResult {
  ok: boolean;
  problem: RepoTestProblem | null;
  /** What was found (refs, charts) or what failed and the tool's words. */
  message: string;
}

export async function testRepository(
  url: string,
  type: RepoType,
  connection: () => Promise<RepoConnection>,
  git: RepositoryCache,
): Promise<RepoTestResult> {
  try {
    if (type === 'git') {
      const refs = await git.lsRemote(url);
      return { ok: true, problem: null, message: `${refs.size} refs` };
    }
    const resolved = await connection();
    return type === 'helm' ? await testHelm(url, resolved) : await testOci(url, resolved);
  } catch (error) {
    const detail = (error as Error).message ?? String(error);
    const problem = classifyRepoProblem(detail);
    return { ok: false, problem, message: scrub(`${problemAdvice[problem]}: ${detail}`) };
  }
}

function tlsOf(connection: RepoConnection): ProbeOptions {
  const { credentials, settings } = connection;
  return {
    ...(settings.tlsCaData ? { ca: settings.tlsCaData } : {}),
    ...(credentials?.tlsClientCertData && credentials.tlsClientCertKey
      ? { cert: credentials.tlsClientCertData, key: credentials.tlsClientCertKey }
      : {}),
    insecure: settings.insecure ?? false,
  };
}

function loginOf(connection: RepoConnection): ProbeOptions {
  const { credentials } = connection;
  return credentials?.username && credentials.password
    ? { username: credentials.username, password: credentials.password }
    : {};
}

async function testHelm(url: string, connection: RepoConnection): Promise<RepoTestResult> {
  const index = new URL(url);
  index.pathname = `${index.pathname.replace(/\/+$/, '')}/index.yaml`;
  const answer = await probeHttp(index, { ...tlsOf(connection), ...loginOf(connection) });
  if (answer.status === 200) return { ok: true, problem: null, message: 'index.yaml read' };
  throw new Error(`GET index.yaml: ${answer.status}`);
}

// The registry ping; a 401 names where to get a token (Bearer realm), which the credentials buy.
async function testOci(url: string, connection: RepoConnection): Promise<RepoTestResult> {
  const host = new URL(url.includes('://') ? url.replace(/^oci:/, 'https:') : `https://${url}`).host;
  const ping = new URL(`https://${host}/v2/`);
  const tls = tlsOf(connection);
  const login = loginOf(connection);
  const first = await probeHttp(ping, tls);
  if (first.status === 200) return { ok: true, problem: null, message: 'registry answered' };
  const challenge = String(first.headers['www-authenticate'] ?? '');
  if (first.status !== 401) throw new Error(`GET /v2/: ${first.status}`);
  if (/^basic/i.test(challenge)) {
    const again = await probeHttp(ping, { ...tls, ...login });
    if (again.status === 200)
      return { ok: true, problem: null, message: 'registry accepted the credentials' };
    throw new Error(`GET /v2/ with credentials: ${again.status}`);
  }
  const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
  if (!realm) throw new Error(`GET /v2/: 401 without a token realm`);
  const tokenUrl = new URL(realm);
  const service = /service="([^"]+)"/i.exec(challenge)?.[1];
  if (service) tokenUrl.searchParams.set('service', service);
  const token = await probeHttp(tokenUrl, { ...tls, ...login });
  if (token.status !== 200) throw new Error(`token request: ${token.status}`);
  return { ok: true, problem: null, message: 'registry issued a token' };
}
