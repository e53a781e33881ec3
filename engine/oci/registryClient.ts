// A small, read-only client of the OCI distribution API (what Argo CD's repo server reads through
// oras-go): manifests by tag or digest, tag lists, blobs. It speaks https only, follows the token
// flow registries use (a 401 with `WWW-Authenticate: Bearer realm=...,service=...,scope=...`, or
// `Basic`), and treats the registry as hostile: every answer is bounded in size and time, every
// blob and manifest is checked against its digest, a redirect to another host never carries the
// Authorization header, and no error quotes a credential.
import { createHash } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { displayReference, isDigest, type OciReference } from './reference.ts';

export interface RegistryCredentials {
  username?: string;
  password?: string;
}

export interface RegistryClientOptions {
  credentials?: RegistryCredentials;
  /** PEM certificates trusted for this registry instead of the system's. */
  ca?: string;
  /** No certificate check (the repository's `insecure`). */
  insecure?: boolean;
  /** Time one request (with its whole answer) may take. */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'auth' | 'limit' | 'digest' | 'protocol' | 'network' = 'protocol',
  ) {
    super(message);
  }
}

export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const INDEX_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_TAG_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_TAG_PAGES = 50;
const MAX_TOKEN_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

interface Answer {
  response: IncomingMessage;
  url: URL;
}

/** The value of one parameter of a `WWW-Authenticate` challenge. */
function challengeParams(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = (/^\s*(\w+)/.exec(header)?.[1] ?? '').toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!.toLowerCase()] = match[2]!;
  return { scheme, params };
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class RegistryClient {
  private authorization: string | undefined;
  private readonly base: URL;
  readonly shown: string;

  constructor(
    readonly reference: OciReference,
    private readonly options: RegistryClientOptions = {},
  ) {
    this.base = new URL(`https://${reference.registry}/v2/${reference.repository}/`);
    this.shown = displayReference(reference);
  }

  private hasCredentials(): boolean {
    return Boolean(this.options.credentials?.username || this.options.credentials?.password);
  }

  /** One request, following redirects; the Authorization header only goes to the registry's own origin. */
  private async send(
    url: URL,
    headers: Record<string, string>,
    authorization: string | undefined,
    signal: AbortSignal,
  ): Promise<Answer> {
    let current = url;
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'https:') {
        throw new RegistryError(
          `${this.shown}: the registry sent Plumbline to a non-https address`,
          'protocol',
        );
      }
      const sameOrigin = current.origin === this.base.origin;
      const { response } = await this.sendTo(
        current,
        { ...headers, ...(authorization && sameOrigin ? { authorization } : {}) },
        signal,
      );
      const location = response.headers.location;
      if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
        response.resume();
        if (hop >= MAX_REDIRECTS) throw new RegistryError(`${this.shown}: too many redirects`, 'protocol');
        current = new URL(location, current);
        continue;
      }
      return { response, url: current };
    }
  }

  private networkError(error: unknown, signal: AbortSignal): RegistryError {
    if (signal.aborted) {
      const why = this.options.signal?.aborted ? 'cancelled' : 'did not answer in time';
      return new RegistryError(`${this.shown}: the registry ${why}`, 'network');
    }
    const message = error instanceof Error ? error.message : String(error);
    return new RegistryError(`${this.shown}: cannot reach the registry: ${message}`, 'network');
  }

  private deadline(): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    return this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
  }

  /** A token from the realm a Bearer challenge names, with the credentials as Basic auth. */
  private async token(params: Record<string, string>, signal: AbortSignal): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(params.realm ?? '');
    } catch {
      throw new RegistryError(`${this.shown}: the registry's token realm is not a URL`, 'auth');
    }
    if (realm.protocol !== 'https:') {
      throw new RegistryError(`${this.shown}: the registry's token realm is not https`, 'auth');
    }
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? `repository:${this.reference.repository}:pull`);
    const credentials = this.options.credentials;
    const headers: Record<string, string> = { accept: 'application/json' };
    // the realm is another address than the registry's as often as not: send the credentials to
    // it explicitly (Docker's clients do), never through a redirect
    if (credentials && this.hasCredentials()) headers.authorization = basic(credentials);
    const { response } = await this.sendTo(realm, headers, signal);
    const body = await this.read(response, MAX_TOKEN_BYTES, signal, 'token');
    if (response.statusCode === 401 || response.statusCode === 403) {
      throw this.authFailed();
    }
    if (response.statusCode !== 200) {
      throw new RegistryError(`${this.shown}: the token service answered ${response.statusCode}`, 'auth');
    }
    let parsed: { token?: unknown; access_token?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
    } catch {
      throw new RegistryError(`${this.shown}: the token service answered no JSON`, 'auth');
    }
    const token = typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token)) {
      throw new RegistryError(`${this.shown}: the token service answered no token`, 'auth');
    }
    return `Bearer ${token}`;
  }

  /** One GET of exactly this URL (no redirect followed), so its Authorization goes only there. */
  private async sendTo(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: 'GET',
          headers: { ...headers, 'user-agent': 'plumbline' },
          ca: this.options.ca ? [this.options.ca] : undefined,
          rejectUnauthorized: !this.options.insecure,
          signal,
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    }).catch((error: unknown) => {
      throw this.networkError(error, signal);
    });
    return { response, url };
  }

  private authFailed(): RegistryError {
    return new RegistryError(
      this.hasCredentials()
        ? `${this.shown}: the registry refused the stored credentials (wrong username or password?)`
        : `${this.shown}: the registry asks for credentials and none are stored for this repository`,
      'auth',
    );
  }

  /** GET with the registry's auth flow: anonymous first, then as the challenge asks. */
  private async get(path: string, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
    const url = new URL(path, this.base);
    let answer = await this.send(url, headers, this.authorization, signal);
    if (answer.response.statusCode !== 401) return answer;
    answer.response.resume();
    const challenge = challengeParams(String(answer.response.headers['www-authenticate'] ?? ''));
    const credentials = this.options.credentials;
    if (challenge.scheme === 'bearer') {
      this.authorization = await this.token(challenge.params, signal);
    } else if (challenge.scheme === 'basic' && credentials && this.hasCredentials()) {
      this.authorization = basic(credentials);
    } else {
      throw this.authFailed();
    }
    answer = await this.send(url, headers, this.authorization, signal);
    if (answer.response.statusCode === 401) {
      answer.response.resume();
      throw this.authFailed();
    }
    return answer;
  }

  /** The body's chunks, refused past `maxBytes` (announced or read); network failures named. */
  private async *bounded(
    response: IncomingMessage,
    maxBytes: number,
    signal: AbortSignal,
    what: string,
  ): AsyncGenerator<Buffer> {
    const tooLarge = () =>
      new RegistryError(`${this.shown}: ${what} is larger than ${maxBytes} bytes`, 'limit');
    if (Number(response.headers['content-length'] ?? NaN) > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    let length = 0;
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > maxBytes) {
          response.destroy();
          throw tooLarge();
        }
        yield chunk;
      }
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw this.networkError(error, signal);
    }
  }

  /** The whole body, refused past `maxBytes`. */
  private async read(
    response: IncomingMessage,
    maxBytes: number,
    signal: AbortSignal,
    what: string,
  ): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.bounded(response, maxBytes, signal, `the ${what}`)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  private statusError(response: IncomingMessage, what: string): RegistryError {
    response.resume();
    const status = response.statusCode ?? 0;
    if (status === 404) return new RegistryError(`${what} not found`, 'not-found');
    if (status === 403) return new RegistryError(`${what}: access denied by the registry`, 'auth');
    return new RegistryError(`${what}: the registry answered ${status}`, 'protocol');
  }

  /** The manifest a tag or digest names, checked against its digest; an index is refused. */
  async manifest(reference: string): Promise<FetchedManifest> {
    const shown = displayReference(this.reference, reference);
    const signal = this.deadline();
    const accept = [...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(', ');
    const { response } = await this.get(`manifests/${reference}`, { accept }, signal);
    if (response.statusCode !== 200) throw this.statusError(response, shown);
    const bytes = await this.read(response, MAX_MANIFEST_BYTES, signal, 'manifest');
    const digest = sha256(bytes);
    if (isDigest(reference) && reference !== digest) {
      throw new RegistryError(
        `${shown}: the manifest's content does not match its digest (got ${digest})`,
        'digest',
      );
    }
    const header = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    let mediaType = header;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
      if (typeof parsed.mediaType === 'string') mediaType = parsed.mediaType;
    } catch {
      throw new RegistryError(`${shown}: the manifest is not JSON`, 'protocol');
    }
    if (INDEX_MEDIA_TYPES.includes(mediaType)) {
      throw new RegistryError(
        `${shown}: an image index (several platforms), not a single artifact of manifests`,
        'protocol',
      );
    }
    if (!MANIFEST_MEDIA_TYPES.includes(mediaType)) {
      throw new RegistryError(
        `${shown}: manifest media type ${mediaType || '(none)'} is not an OCI image manifest`,
        'protocol',
      );
    }
    return { digest, mediaType, bytes };
  }

  /** Every tag of the repository, page after page (bounded). */
  async tags(): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = 'tags/list?n=1000';
    for (let page = 0; path; page++) {
      if (page >= MAX_TAG_PAGES) throw new RegistryError(`${this.shown}: too many pages of tags`, 'limit');
      const signal = this.deadline();
      const { response, url } = await this.get(path, { accept: 'application/json' }, signal);
      if (response.statusCode !== 200) throw this.statusError(response, `${this.shown} tags`);
      const body = await this.read(response, MAX_TAG_PAGE_BYTES, signal, 'tag list');
      let parsed: { tags?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
      } catch {
        throw new RegistryError(`${this.shown}: the tag list is not JSON`, 'protocol');
      }
      if (Array.isArray(parsed.tags))
        tags.push(...parsed.tags.filter((t): t is string => typeof t === 'string'));
      path = nextPage([response.headers.link].flat().join(', '), url, this.base);
    }
    return tags;
  }

  /** Streams a blob into `sink`, checked against its digest and its size (at most `maxBytes`). */
  async blob(digest: string, maxBytes: number, sink: Writable): Promise<void> {
    if (!isDigest(digest) || !digest.startsWith('sha256:')) {
      throw new RegistryError(`${this.shown}: unsupported blob digest ${digest}`, 'digest');
    }
    const signal = this.deadline();
    const { response } = await this.get(`blobs/${digest}`, {}, signal);
    if (response.statusCode !== 200) throw this.statusError(response, `${this.shown} blob ${digest}`);
    const hash = createHash('sha256');
    for await (const chunk of this.bounded(response, maxBytes, signal, `blob ${digest}`)) {
      hash.update(chunk);
      if (!sink.write(chunk)) await new Promise((resolve) => sink.once('drain', resolve));
    }
    const got = `sha256:${hash.digest('hex')}`;
    if (got !== digest) {
      throw new RegistryError(
        `${this.shown}: blob ${digest} does not match its digest (got ${got})`,
        'digest',
      );
    }
  }
}

/** The next page of a tag list (`Link: </v2/...>; rel="next"`), only on the registry's origin. */
function nextPage(link: string | undefined, current: URL, base: URL): string | undefined {
  const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link ?? '');
  if (!match) return undefined;
  const next = new URL(match[1]!, current);
  if (next.origin !== base.origin || !next.pathname.startsWith(base.pathname)) return undefined;
  return next.pathname.slice(base.pathname.length) + next.search;
}
