// The GitHub and GitLab clients of the scmProvider and pullRequest generators against an HTTP
// server on 127.0.0.1 answering as their REST APIs document (no GitHub or GitLab server can run
// here; Gitea's real server is in scmGitea.test.ts): the paths and query Argo CD's clients send,
// each provider's authentication header, pages followed through GitHub's Link header and
// GitLab's X-Next-Page, topics as labels, enterprise and self-managed API roots.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplications } from '../../../engine/appset/index.ts';
import { githubApiRoot } from '../../../engine/appset/scm/github.ts';
import { gitlabApiRoot } from '../../../engine/appset/scm/gitlab.ts';
import { appSet, sources } from '../../support/appsetFixtures.ts';

const TOKEN = 'api-token-3b7d9f1e5a';
const requests: { path: string; query: Record<string, string>; headers: IncomingMessage['headers'] }[] = [];
let routes: Record<
  string,
  (query: URLSearchParams) => { body: unknown; headers?: Record<string, string>; status?: number }
> = {};
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    requests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
    });
    const route = routes[url.pathname];
    const answer = route ? route(url.searchParams) : { status: 404, body: { message: '404 Not Found' } };
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const scm = () => ({ allowedApis: [base], token: async () => TOKEN });
const template = (name: string) => ({
  metadata: { name },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/a.git', path: '.' },
    destination: { server: 'https://a.test', namespace: 'a' },
  },
});
const generate = (generator: Record<string, unknown>) =>
  generateApplications(
    appSet(
      [generator],
      {},
      template(generator.pullRequest ? 'pr-{{number}}-{{branch_slug}}' : '{{repository}}-{{branch}}'),
    ),
    { ...sources(), scm: scm() },
  );
const tokenRef = { secretName: 'scm', key: 'token' };

describe('API roots as the providers’ clients build them', () => {
  it('adds api/v3/ to a GitHub Enterprise URL unless it is an API host, api/v4/ to a GitLab URL', () => {
    expect(githubApiRoot('')).toBe('https://api.github.com/');
    expect(githubApiRoot('https://ghe.example.test')).toBe('https://ghe.example.test/api/v3/');
    expect(githubApiRoot('https://ghe.example.test/api/v3')).toBe('https://ghe.example.test/api/v3/');
    expect(githubApiRoot('https://api.ghe.example.test')).toBe('https://api.ghe.example.test/');
    expect(gitlabApiRoot('')).toBe('https://gitlab.com/api/v4/');
    expect(gitlabApiRoot('https://gitlab.example.test')).toBe('https://gitlab.example.test/api/v4/');
    expect(gitlabApiRoot('https://gitlab.example.test/api/v4/')).toBe('https://gitlab.example.test/api/v4/');
  });
});

describe('GitHub', () => {
  it('lists an organisation page by page, topics as labels, the default branch SHA, Bearer token', async () => {
    requests.length = 0;
    routes = {
      '/api/v3/orgs/acme/repos': (query) =>
        query.get('page') === '1'
          ? {
              body: [
                {
                  name: 'web',
                  owner: { login: 'acme' },
                  default_branch: 'main',
                  ssh_url: 'git@x:acme/web.git',
                  clone_url: 'https://x/acme/web.git',
                  topics: ['deploy', 'tier-1'],
                  id: 11,
                },
              ],
              headers: {
                link: `<${base}/api/v3/orgs/acme/repos?page=2&per_page=100>; rel="next", <${base}/api/v3/orgs/acme/repos?page=2>; rel="last"`,
              },
            }
          : {
              body: [
                { name: 'old', owner: { login: 'acme' }, default_branch: 'main', archived: true, id: 12 },
              ],
            },
      '/api/v3/repos/acme/web/branches/main': () => ({
        body: { name: 'main', commit: { sha: 'f'.repeat(40) } },
      }),
      // a default branch that is gone gives no entry, as go-github's 404 does in Argo CD
      '/api/v3/repos/acme/old/branches/main': () => ({ status: 404, body: { message: 'Branch not found' } }),
    };
    const apps = await generate({ scmProvider: { github: { organization: 'acme', api: base, tokenRef } } });
    expect(apps.map((app) => app.name)).toEqual(['web-main']);
    expect(apps[0]!.params).toMatchObject({
      url: 'git@x:acme/web.git',
      labels: 'deploy,tier-1',
      sha: 'f'.repeat(40),
      repository_id: '11',
    });
    expect(requests.map((request) => `${request.path} ${request.query.page ?? ''}`)).toEqual([
      '/api/v3/orgs/acme/repos 1',
      '/api/v3/orgs/acme/repos 2',
      '/api/v3/repos/acme/web/branches/main ',
      '/api/v3/repos/acme/old/branches/main ',
    ]);
    expect(requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(requests[0]!.query.per_page).toBe('100');
  });

  it('tests a path through the contents API at the branch, and lists pull requests with every label asked for', async () => {
    requests.length = 0;
    routes = {
      '/api/v3/orgs/acme/repos': () => ({
        body: [{ name: 'web', owner: { login: 'acme' }, default_branch: 'main', id: 11 }],
      }),
      '/api/v3/repos/acme/web/branches/main': () => ({ body: { commit: { sha: 'e'.repeat(40) } } }),
      '/api/v3/repos/acme/web/contents/deploy/app.yaml': () => ({ body: { type: 'file' } }),
      '/api/v3/repos/acme/web/pulls': () => ({
        body: [
          {
            number: 7,
            title: 'One',
            head: { ref: 'feat_one', sha: 'a'.repeat(40) },
            base: { ref: 'main' },
            labels: [{ name: 'preview' }, { name: 'ok' }],
            user: { login: 'dev' },
          },
          {
            number: 8,
            title: 'Two',
            head: { ref: 'feat-two', sha: 'b'.repeat(40) },
            base: { ref: 'main' },
            labels: [{ name: 'preview' }],
            user: { login: 'dev' },
          },
        ],
      }),
    };
    const found = await generate({
      scmProvider: {
        github: { organization: 'acme', api: base },
        filters: [{ pathsExist: ['deploy/app.yaml'] }],
      },
    });
    expect(found.map((app) => app.name)).toEqual(['web-main']);
    expect(requests.find((request) => request.path.includes('/contents/'))!.query).toEqual({ ref: 'main' });
    // no tokenRef: no authentication header at all
    expect(requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    const missing = await generate({
      scmProvider: { github: { organization: 'acme', api: base }, filters: [{ pathsExist: ['nope'] }] },
    });
    expect(missing).toEqual([]);
    const pulls = await generate({
      pullRequest: { github: { owner: 'acme', repo: 'web', api: base, tokenRef, labels: ['preview', 'ok'] } },
    });
    expect(pulls.map((app) => [app.name, app.params.branch_slug, app.params.author])).toEqual([
      ['pr-7-feat-one', 'feat-one', 'dev'],
    ]);
  });
});

describe('GitLab', () => {
  it('lists a group with subgroups page by page (X-Next-Page), PRIVATE-TOKEN, topics or else tags as labels', async () => {
    requests.length = 0;
    routes = {
      '/api/v4/groups/platform%2Fteam/projects': (query) =>
        query.get('page') === '1'
          ? {
              body: [
                {
                  id: 5,
                  path: 'api',
                  namespace: { full_path: 'platform/team' },
                  default_branch: 'main',
                  http_url_to_repo: 'https://gl/platform/team/api.git',
                  topics: [],
                  tag_list: ['legacy'],
                },
              ],
              headers: { 'x-next-page': '2' },
            }
          : {
              body: [
                {
                  id: 6,
                  path: 'ui',
                  namespace: { full_path: 'platform/team' },
                  default_branch: 'trunk',
                  topics: ['web'],
                },
              ],
              headers: { 'x-next-page': '' },
            },
      '/api/v4/projects/5/repository/branches/main': () => ({
        body: { name: 'main', commit: { id: 'c'.repeat(40) } },
      }),
      '/api/v4/projects/6/repository/branches/trunk': () => ({
        body: { name: 'trunk', commit: { id: 'd'.repeat(40) } },
      }),
    };
    const apps = await generate({
      scmProvider: {
        cloneProtocol: 'https',
        gitlab: { group: 'platform/team', api: base, tokenRef, includeSubgroups: true, topic: '' },
      },
    });
    expect(apps.map((app) => [app.name, app.params.labels, app.params.organization])).toEqual([
      ['api-main', 'legacy', 'platform/team'],
      ['ui-trunk', 'web', 'platform/team'],
    ]);
    expect(requests[0]!.query).toEqual({
      include_subgroups: 'true',
      with_shared: 'true',
      topic: '',
      page: '1',
      per_page: '100',
    });
    expect(requests.every((request) => request.headers['private-token'] === TOKEN)).toBe(true);
  });

  it('lists merge requests with labels and state asked of the server', async () => {
    requests.length = 0;
    routes = {
      '/api/v4/projects/platform%2Fapi/merge_requests': () => ({
        body: [
          {
            iid: 3,
            title: 'MR',
            source_branch: 'topic/a',
            target_branch: 'main',
            sha: '9'.repeat(40),
            labels: ['preview'],
            author: { username: 'ops' },
          },
        ],
      }),
    };
    const apps = await generate({
      pullRequest: {
        gitlab: {
          project: 'platform/api',
          api: base,
          tokenRef,
          labels: ['preview'],
          pullRequestState: 'opened',
        },
      },
    });
    expect(apps.map((app) => [app.name, app.params.head_short_sha_7, app.params.branch_slug])).toEqual([
      ['pr-3-topic-a', '9999999', 'topic-a'],
    ]);
    expect(requests[0]!.path).toBe('/api/v4/projects/platform%2Fapi/merge_requests');
    expect(requests[0]!.query).toEqual({ labels: 'preview', state: 'opened', page: '1', per_page: '100' });
  });
});
