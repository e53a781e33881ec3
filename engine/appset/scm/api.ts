// The REST API of an SCM provider (Gitea, GitHub, GitLab) as one generator run uses it: every
// request bounded (boundedRequest: time, size, same-origin redirects), all of them counted against
// the run's budget, JSON answers only, pages followed the provider's way. Paths are built from
// segments that are each encoded, so an owner or repository named `../admin` stays one segment.
import type { IncomingHttpHeaders } from 'node:http';
import { scrub } from '../../git/scrub.ts';
import { GeneratorError } from '../errors.ts';
import { boundedRequest } from '../http/boundedRequest.ts';
import { isRecord } from '../params.ts';

export interface ScmApiOptions {
  /** The API root, ending with a slash (`https://gitea.example/api/v1/`). */
  base: URL;
  /** The provider's authentication header, when there is a token. */
  auth: Record<string, string>;
  insecure: boolean;
  /** "the Gitea API", for errors. */
  what: string;
  timeoutMs: number;
  maxBytes: number;
  maxRequests: number;
}

export interface ScmAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** How a provider says there is another page: the next page's number, or null. */
export type NextPage = (answer: ScmAnswer, page: number, perPage: number) => number | null;

/**
 * `segments` each encoded as one path segment, joined. An empty, `.` or `..` segment (which a URL
 * resolves away, encoded or not) is refused: a name from a set never climbs the API's path.
 */
export function apiPath(...segments: (string | number)[]): string {
  return segments
    .map((segment) => {
      const text = String(segment);
      if (text === '' || /^(\.|%2e){1,2}$/i.test(text))
        throw new GeneratorError(`${JSON.stringify(text)} is not a name an API path can hold`);
      return encodeURIComponent(text);
    })
    .join('/');
}

/** The message of an error answer: its `message` (or `error`), else the start of its text. */
function messageOf(body: unknown, text: string): string {
  if (isRecord(body)) {
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  }
  return text.slice(0, 300);
}

/** The API answered 404 to a listing: the owner or repository does not exist (or is hidden). */
export class NotFound extends GeneratorError {}

export class ScmApi {
  private requests = 0;

  constructor(private readonly options: ScmApiOptions) {}

  /** GET `path` (relative to the API root); a 404 is returned, any other non-2xx thrown. */
  async get(path: string, query: Record<string, string | number> = {}): Promise<ScmAnswer> {
    const { options } = this;
    if (++this.requests > options.maxRequests)
      throw new GeneratorError(
        `${options.what}: more than ${options.maxRequests} requests in one generation (the limit of one generator)`,
      );
    const url = new URL(path, options.base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    const answer = await boundedRequest({
      url,
      method: 'GET',
      headers: { accept: 'application/json', ...options.auth },
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      insecure: options.insecure,
      what: options.what,
    });
    let body: unknown = null;
    try {
      body = answer.text.trim() === '' ? null : JSON.parse(answer.text);
    } catch {
      if (answer.status >= 200 && answer.status < 300)
        throw new GeneratorError(
          `${options.what} answered GET ${url.pathname} with something that is not JSON`,
        );
    }
    if (answer.status === 404 || (answer.status >= 200 && answer.status < 300))
      return { status: answer.status, headers: answer.headers, body };
    const hint = answer.status === 401 || answer.status === 403 ? ' (check the token)' : '';
    throw new GeneratorError(
      scrub(
        `${options.what} answered ${answer.status} to GET ${url.pathname}${hint}: ${messageOf(body, answer.text)}`,
      ),
    );
  }

  /** A 2xx answer's body, or the error naming what was not found. */
  async found(path: string, query: Record<string, string | number> = {}): Promise<unknown> {
    const answer = await this.get(path, query);
    if (answer.status === 404)
      throw new GeneratorError(`${this.options.what} found no ${decodeURIComponent(path)} (404)`);
    return answer.body;
  }

  /** Every item of a listing, page after page; a 404 is thrown as NotFound. */
  async list(
    path: string,
    query: Record<string, string | number>,
    pageSize: { name: string; size: number },
    next: NextPage,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ;) {
      const answer = await this.get(path, { ...query, page, [pageSize.name]: pageSize.size });
      if (answer.status === 404)
        throw new NotFound(`${this.options.what} found no ${decodeURIComponent(path)} (404)`);
      if (!Array.isArray(answer.body))
        throw new GeneratorError(
          `${this.options.what} answered GET ${path} with something that is not a list`,
        );
      items.push(...answer.body.filter(isRecord));
      const following = next(answer, page, pageSize.size);
      if (following === null || following <= page) return items;
      page = following;
    }
  }
}

/** A header's single value. */
export const headerOf = (answer: ScmAnswer, name: string): string => {
  const value = answer.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

/** A string field of an API object ('' when absent). */
export const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** A nested object of an API object ({} when absent). */
export const objectOf = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
