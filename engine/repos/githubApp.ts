// GitHub App credentials for git over https: an RS256 JWT signed with the app's private key
// (node:crypto) is exchanged for an installation access token at
// `POST <api>/app/installations/<id>/access_tokens`; git then uses `x-access-token` and the token,
// as Argo CD does. A token is kept until a few minutes before it expires (GitHub gives an hour).
import { createHash, createPrivateKey, createSign } from 'node:crypto';
import { request } from 'node:https';
import { rememberSecret, scrub } from '../git/scrub.ts';

export interface GithubAppCredentials {
  appId: string;
  installationId: string;
  privateKey: string;
  /** `https://ghe.example.com/api/v3`; github.com's API otherwise. */
  enterpriseBaseUrl?: string;
}

export interface GithubAppTls {
  /** PEM CAs trusted for the API host, instead of the system's. */
  ca?: string;
  insecure?: boolean;
}

const GITHUB_API = 'https://api.github.com';
const REFRESH_BEFORE_MS = 5 * 60_000;
const MAX_ANSWER_BYTES = 64 * 1024;
const TIMEOUT_MS = 30_000;

export class GithubAppError extends Error {
  constructor(
    readonly kind: 'auth' | 'tls' | 'unreachable' | 'not-found' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'GithubAppError';
  }
}

/** The JWT GitHub wants from an app: issued a minute ago (clock drift), valid nine more. */
export function githubAppJwt(appId: string, privateKey: string, now = Date.now()): string {
  let key;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    throw new GithubAppError('auth', 'GitHub App private key: not a PEM private key');
  }
  const seconds = Math.floor(now / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: seconds - 60, exp: seconds + 540, iss: appId })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url');
  return `${unsigned}.${signature}`;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Installation tokens by app, installation and API, shared by every repository using them. */
export class GithubAppTokens {
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number = Date.now) {}

  async token(credentials: GithubAppCredentials, tls: GithubAppTls = {}): Promise<string> {
    const base = (credentials.enterpriseBaseUrl ?? GITHUB_API).replace(/\/+$/, '');
    // the key's hash too: a token bought with one key is not handed out for another
    const keyHash = createHash('sha256').update(credentials.privateKey).digest('hex');
    const key = `${base}|${credentials.appId}|${credentials.installationId}|${keyHash}`;
    const cached = this.tokens.get(key);
    if (cached) {
      const held = await cached.catch(() => null);
      if (held && held.expiresAt - REFRESH_BEFORE_MS > this.now()) return held.token;
    }
    const fresh = exchange(base, credentials, tls, this.now());
    this.tokens.set(key, fresh);
    fresh.catch(() => this.tokens.delete(key));
    return (await fresh).token;
  }
}

async function exchange(
  base: string,
  credentials: GithubAppCredentials,
  tls: GithubAppTls,
  now: number,
): Promise<CachedToken> {
  if (!/^\d{1,20}$/.test(credentials.installationId) || !/^\d{1,20}$/.test(credentials.appId))
    throw new GithubAppError('other', 'GitHub App: the app ID and installation ID are numbers');
  const url = new URL(`${base}/app/installations/${credentials.installationId}/access_tokens`);
  if (url.protocol !== 'https:') throw new GithubAppError('other', `GitHub App API ${base}: must be https`);
  const jwt = githubAppJwt(credentials.appId, credentials.privateKey, now);
  const answer = await post(url, jwt, tls);
  const what = `GitHub App ${credentials.appId} installation ${credentials.installationId} at ${url.host}`;
  if (answer.status === 401 || answer.status === 403)
    throw new GithubAppError('auth', `${what}: the API refused the app's token (${answer.status})`);
  if (answer.status === 404) throw new GithubAppError('not-found', `${what}: no such installation (404)`);
  if (answer.status !== 201 && answer.status !== 200)
    throw new GithubAppError('other', `${what}: the API answered ${answer.status}`);
  let body: { token?: unknown; expires_at?: unknown };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    throw new GithubAppError('other', `${what}: the answer is not JSON`);
  }
  if (typeof body.token !== 'string' || body.token === '')
    throw new GithubAppError('other', `${what}: the answer has no token`);
  rememberSecret(body.token);
  const expires = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : NaN;
  return { token: body.token, expiresAt: Number.isFinite(expires) ? expires : now + 3_600_000 };
}

function post(url: URL, jwt: string, tls: GithubAppTls): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${jwt}`,
          accept: 'application/vnd.github+json',
          'user-agent': 'plumbline',
          'content-length': '0',
        },
        timeout: TIMEOUT_MS,
        ...(tls.ca ? { ca: tls.ca } : {}),
        rejectUnauthorized: !tls.insecure,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            response.destroy();
            reject(
              new GithubAppError(
                'other',
                `GitHub App API ${url.host}: answer over ${MAX_ANSWER_BYTES} bytes`,
              ),
            );
          } else chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    call.on('timeout', () => call.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} seconds`)));
    call.on('error', (error: NodeJS.ErrnoException) => reject(networkError(url, error)));
    call.end();
  });
}

function networkError(url: URL, error: NodeJS.ErrnoException): GithubAppError {
  const message = scrub(`GitHub App API ${url.host}: ${error.message}`);
  if (error instanceof GithubAppError) return error;
  const tls = /certificate|self.signed|CERT_|SSL|TLS/i.test(`${error.code ?? ''} ${error.message}`);
  return new GithubAppError(tls ? 'tls' : 'unreachable', message);
}
