// Hostile scmProvider and pullRequest generators, and hostile SCM servers: filters built to make
// a backtracking engine run for ever, syntax Go refuses, owners and paths that climb the API's
// path, API URLs holding credentials or naming files, a token sent where the user did not allow,
// and servers that redirect elsewhere, answer without end, page without end, or never answer.
// The servers are real HTTP servers on 127.0.0.1 playing GitHub's API; each records what it got,
// so a case proves that a refused set made no request and that no token travelled.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateApplications } from '../../engine/appset/index.ts';
import type { AppSetLimits } from '../../engine/appset/limits.ts';
import type { ScmAccess } from '../../engine/appset/sources.ts';
import { appSet, sources } from '../support/appsetFixtures.ts';
import { badInputCases } from './corpus.ts';

const TOKEN = 'scm-token-8e2f4a6c1d';
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_request, response) => response.end('[]');
const seen: { server: string; url: string; authorization: string }[] = [];
let hostile: Server;
let elsewhere: Server;
let hostileUrl = '';
let elsewhereUrl = '';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}
const record = (server: string, request: IncomingMessage) =>
  seen.push({ server, url: request.url ?? '', authorization: request.headers.authorization ?? '' });

beforeAll(async () => {
  hostile = createServer((request, response) => {
    record('hostile', request);
    handler(request, response);
  });
  elsewhere = createServer((request, response) => {
    record('elsewhere', request);
    response.end('[]');
  });
  hostileUrl = await listen(hostile);
  elsewhereUrl = await listen(elsewhere);
});
afterAll(() => {
  for (const server of [hostile, elsewhere]) {
    server.closeAllConnections();
    server.close();
  }
});

const reads: string[] = [];
const access = (allowed: string[]): ScmAccess => ({
  allowedApis: allowed,
  token: async (secretName, key) => {
    reads.push(`${secretName}/${key}`);
    return TOKEN;
  },
});

interface Outcome {
  names?: string[];
  error?: string;
  ms: number;
  requests: typeof seen;
}

/** A GitHub scmProvider (or pullRequest) set against the hostile server; what it gave and what travelled. */
async function run(
  generator: Record<string, unknown>,
  options: { allowed?: string[]; limits?: Partial<AppSetLimits> } = {},
): Promise<Outcome> {
  seen.length = 0;
  reads.length = 0;
  const started = Date.now();
  const set = appSet(
    [generator],
    {},
    {
      metadata: { name: 'x-{{repository}}{{number}}' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example.test/a.git', path: '.' },
        destination: { server: 'https://a.test', namespace: 'a' },
      },
    },
  );
  try {
    const apps = await generateApplications(set, {
      ...sources(),
      scm: access(options.allowed ?? [hostileUrl]),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return { names: apps.map((app) => app.name), ms: Date.now() - started, requests: [...seen] };
  } catch (error) {
    return { error: (error as Error).message, ms: Date.now() - started, requests: [...seen] };
  }
}

const github = (extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  scmProvider: {
    github: { organization: 'acme', api: hostileUrl, tokenRef: { secretName: 'gh', key: 'token' }, ...extra },
    ...spec,
  },
});

const json = (response: ServerResponse, value: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
};

/** One repository named `name` whose default branch exists. */
function oneRepository(name: string): Handler {
  return (request, response) => {
    if (request.url?.includes('/branches/'))
      return json(response, { name: 'main', commit: { sha: 'a'.repeat(40) } });
    json(response, [
      { name, owner: { login: 'acme' }, default_branch: 'main', clone_url: 'https://x/acme/r.git', id: 1 },
    ]);
  };
}

const noTokenTravelled = (outcome: Outcome) => {
  expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  expect(outcome.error ?? '').not.toContain(TOKEN);
};

badInputCases('scmGenerators', [
  {
    name: 'a repositoryMatch of (a+)+$ against a repository named with 5,000 a and a b',
    outcome: 'matched on RE2 in linear time: no match, well under a second, no hang',
    run: async () => {
      handler = oneRepository(`${'a'.repeat(5_000)}b`);
      const outcome = await run(github({}, { filters: [{ repositoryMatch: '(a+)+$' }] }));
      expect(outcome.names).toEqual([]);
      expect(outcome.ms).toBeLessThan(2_000);
      return outcome;
    },
  },
  {
    name: 'a filter with a look-ahead and one with a back-reference (not Go syntax)',
    outcome: 'refused as Go refuses them, naming the filter, before any request',
    run: async () => {
      const ahead = await run(github({}, { filters: [{ repositoryMatch: '^(?=svc)' }] }));
      expect(ahead.error).toMatch(/error compiling RepositoryMatch regexp "\^\(\?=svc\)"/);
      const back = await run({
        pullRequest: {
          github: { owner: 'a', repo: 'b', api: hostileUrl },
          filters: [{ titleMatch: '(a)\\1' }],
        },
      });
      expect(back.error).toMatch(/error compiling TitleMatch regexp/);
      expect([...ahead.requests, ...back.requests]).toEqual([]);
      return { ahead, back };
    },
  },
  {
    name: 'an organisation named .. and one named %2e%2e, a repository named ../../admin',
    outcome: 'refused before any request: a name never climbs the API path',
    run: async () => {
      const dots = await run(github({ organization: '..' }));
      const encoded = await run(github({ organization: '%2e%2e' }));
      expect(dots.error).toMatch(/"\.\." is not a name an API path can hold/);
      expect(encoded.error).toMatch(/"%2e%2e" is not a name an API path can hold/);
      seen.length = 0;
      handler = (_request, response) => json(response, []);
      const climbing = await run({
        pullRequest: { github: { owner: 'acme', repo: '../../admin', api: hostileUrl } },
      });
      // one segment, encoded: the server sees no climbing path
      expect(climbing.requests.map((request) => request.url)).toEqual([
        '/api/v3/repos/acme/..%2F..%2Fadmin/pulls?page=1&per_page=100',
      ]);
      expect([...dots.requests, ...encoded.requests]).toEqual([]);
      return { dots, encoded, climbing };
    },
  },
  {
    name: 'pathsExist climbing out with ../',
    outcome: 'refused naming the path',
    run: async () => {
      const outcome = await run(github({}, { filters: [{ pathsExist: ['deploy/../../secrets'] }] }));
      expect(outcome.error).toMatch(/pathsExist: "deploy\/..\/..\/secrets" climbs out of the repository/);
      return outcome;
    },
  },
  {
    name: 'an api URL holding credentials, one naming a file, one that is not a URL',
    outcome: 'each refused before any request, the credentials not repeated',
    run: async () => {
      const withCredentials = await run(
        github({ api: 'http://admin:hunter2-pw@127.0.0.1:1', tokenRef: null }),
        {
          allowed: [],
        },
      );
      const file = await run(github({ api: 'file:///etc/passwd', tokenRef: null }), { allowed: [] });
      const garbage = await run(github({ api: 'not a url', tokenRef: null }), { allowed: [] });
      expect(withCredentials.error).toMatch(/must not hold credentials/);
      expect(withCredentials.error).not.toContain('hunter2-pw');
      expect(file.error).toMatch(/must be http or https, not file:/);
      expect(garbage.error).toMatch(/github.api is not a URL/);
      return { withCredentials, file, garbage };
    },
  },
  {
    name: "a set sending the user's token to a server the user did not list",
    outcome: 'refused before the keychain is read: the token goes only to listed APIs',
    run: async () => {
      const unlisted = await run(github({ api: elsewhereUrl }), { allowed: [] });
      expect(unlisted.error).toMatch(/is sent only to .*allowedScmProviders/);
      expect(reads).toEqual([]);
      const notAllowed = await run(github({ api: elsewhereUrl }), { allowed: [hostileUrl] });
      expect(notAllowed.error).toMatch(/scm provider not allowed/);
      expect([...unlisted.requests, ...notAllowed.requests]).toEqual([]);
      return { unlisted, notAllowed };
    },
  },
  {
    name: 'a listed server redirecting the token to another host',
    outcome: 'not followed: the other host receives nothing',
    run: async () => {
      handler = (_request, response) => {
        response.writeHead(302, { location: `${elsewhereUrl}/steal` });
        response.end();
      };
      const outcome = await run(github());
      expect(outcome.error).toMatch(/redirected to another host/);
      expect(outcome.requests.filter((request) => request.server === 'elsewhere')).toEqual([]);
      expect(outcome.requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
      noTokenTravelled({ ...outcome, requests: [] });
      return { ...outcome, requests: outcome.requests.map((request) => request.url) };
    },
  },
  {
    name: 'a server answering 64 MiB for a page of repositories',
    outcome: 'read no further than the limit (8 MiB), then refused',
    run: async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1 << 20, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 64 && response.write(chunk)) sent++;
          if (sent < 64) response.once('drain', more);
          else response.end();
        };
        response.on('error', () => undefined);
        more();
      };
      const outcome = await run(github());
      expect(outcome.error).toMatch(/over the limit of 8388608 bytes/);
      return { error: outcome.error };
    },
  },
  {
    name: 'a server whose Link header always names a next page',
    outcome: 'stopped at the request budget of the generator, with an error saying so',
    run: async () => {
      handler = (request, response) => {
        const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page'));
        json(response, [], { link: `<${hostileUrl}/api/v3/orgs/acme/repos?page=${page + 1}>; rel="next"` });
      };
      const outcome = await run(github(), { limits: { maxScmRequests: 50 } });
      expect(outcome.error).toMatch(/more than 50 requests in one generation/);
      expect(outcome.requests).toHaveLength(50);
      return { error: outcome.error };
    },
  },
  {
    name: 'a server that never answers, and one that answers HTML',
    outcome: 'a time-limit error, and a not-JSON error; the engine goes on',
    run: async () => {
      handler = () => undefined;
      const silent = await run(github(), { limits: { scmTimeoutMs: 500 } });
      expect(silent.error).toMatch(/the GitHub API did not answer within 0.5 seconds/);
      handler = (_request, response) => response.end('<html>login</html>');
      const html = await run(github());
      expect(html.error).toMatch(/with something that is not JSON/);
      return { silent: silent.error, html: html.error };
    },
  },
]);
