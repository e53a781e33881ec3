// A stand-in for GitHub's App API on 127.0.0.1 over https: `POST /app/installations/{id}/access_tokens`
// checks the bearer JWT (RS256, signed with the app's private key: verified with its public key;
// `iss` the app ID; not expired) and answers 201 with a token and its expiry, as GitHub does.
// GitHub itself is unreachable from the tests.
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface GithubAppServer {
  /** The API base URL (an enterprise base URL, as the tests give it). */
  url: string;
  /** Exchanges accepted, by installation. */
  readonly exchanges: string[];
  close(): Promise<void>;
}

export async function startGithubAppServer(options: {
  tls: { key: string; cert: string };
  appId: string;
  installationId: string;
  /** The app's private key (PEM): its public half checks the JWT. */
  appPrivateKey: string;
  token: string;
}): Promise<GithubAppServer> {
  const publicKey = createPublicKey(options.appPrivateKey);
  const exchanges: string[] = [];
  const server = createServer(options.tls, (request, response) => {
    const match = /^\/api\/v3\/app\/installations\/(\d+)\/access_tokens$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match)
      return void response.writeHead(404).end('{"message":"Not Found"}');
    if (!validJwt(request.headers.authorization, publicKey, options.appId))
      return void response.writeHead(401).end('{"message":"A JSON web token could not be decoded"}');
    if (match[1] !== options.installationId)
      return void response.writeHead(404).end('{"message":"Not Found"}');
    exchanges.push(match[1]);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    response
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: options.token, expires_at: expiresAt }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/api/v3`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function validJwt(authorization: string | undefined, key: KeyObject, appId: string): boolean {
  const jwt = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  const [header, payload, signature] = jwt?.split('.') ?? [];
  if (!header || !payload || !signature) return false;
  const verified = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(key, Buffer.from(signature, 'base64url'));
  if (!verified) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: unknown;
    exp?: number;
  };
  return String(claims.iss) === appId && (claims.exp ?? 0) * 1000 > Date.now();
}
