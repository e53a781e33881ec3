// Credentials where a careless user or a hostile server puts them: in repository URLs (every
// scheme, percent-encoded, a token as the user name, a password holding an `@`), in a Helm or
// OCI repository URL, in a revision name, in git's error output and in what a server echoes
// (the base64 of `user:password`). The corpus's own marker is the credential, so its leak check
// covers every case; each case also searches its output for the base64 and percent-encoded
// forms, and checks that the credential still did its job where it should (git fetched with it,
// the workspace file kept it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { createEngine, type Engine } from '../../engine/api/engine.ts';
import { inProcessClient } from '../../engine/api/inProcessClient.ts';
import { createRepositoryCache } from '../../engine/git/index.ts';
import { scrub } from '../../engine/git/scrub.ts';
import { memorySecretStore } from '../../engine/secrets/secretStore.ts';
import { repoCredentialsAccount } from '../../engine/secrets/repoCredentials.ts';
import { startEchoingGitServer, startHttpGitServer, type HttpGitServer } from '../support/httpGitServer.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tempDir.ts';
import { remoteWith, writeApplication } from '../support/workspaceFixtures.ts';
import { badInputCases, type BadInputCase, type OutsideMarker } from './corpus.ts';

const root = tempDir('plumbline-credentials-');
const USER = 'corpus-user';
const SECRET_CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } };
const SECRET_OBJECT = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  stringData: { password: 'in-git-secret-value-42' },
};

interface World {
  client: PlumblineClient;
  engine: Engine;
  workspace: string;
  protectedServer: HttpGitServer;
  echoServer: HttpGitServer;
}
let world: Promise<World> | undefined;
const servers: HttpGitServer[] = [];
afterAll(async () => {
  if (world) await (await world).engine.close();
  for (const server of servers) await server.close();
});

const withLogin = (url: string, userinfo: string) => url.replace('http://', `http://${userinfo}@`);

/** Everything the corpus asks the engine about, built once with the marker as the password. */
function theWorld(secret: string): Promise<World> {
  world ??= (async () => {
    await remoteWith(root, 'good.git', {
      'app/cm.yaml': stringify(SECRET_CONFIG_MAP),
      'app/secret.yaml': stringify(SECRET_OBJECT),
    });
    const protectedServer = await startHttpGitServer({
      projectRoot: root,
      username: USER,
      password: secret,
      protect: 'all',
    });
    const echoServer = await startEchoingGitServer(root);
    servers.push(protectedServer, echoServer);
    const workspace = join(root, 'workspace');
    const apps: Record<string, Record<string, unknown>> = {
      plain: { repoURL: withLogin(protectedServer.url('good.git'), `${USER}:${secret}`), path: 'app' },
      'token-user': { repoURL: withLogin(echoServer.url('token.git'), secret), path: 'app' },
      'percent-encoded': {
        repoURL: withLogin(echoServer.url('good.git'), `${USER}:p%40ss%2F${secret}`),
        path: 'app',
      },
      'at-in-password': {
        repoURL: withLogin(echoServer.url('good.git'), `${USER}:a@${secret}`),
        path: 'app',
      },
      ssh: { repoURL: `ssh://${USER}:${secret}@127.0.0.1:1/app.git`, path: 'app' },
      scp: { repoURL: `${USER}:${secret}@127.0.0.1:org/app.git`, path: 'app' },
      'helm-repo': {
        repoURL: withLogin(echoServer.url('charts'), `${USER}:${secret}`),
        chart: 'demo',
        targetRevision: '1.0.0',
      },
      oci: { repoURL: `oci://${USER}:${secret}@127.0.0.1:1/charts`, chart: 'demo', targetRevision: '1.0.0' },
      revision: {
        repoURL: withLogin(protectedServer.url('good.git'), `${USER}:${secret}`),
        path: 'app',
        targetRevision: `https://${USER}:${secret}@elsewhere.test/x`,
      },
      keychain: { repoURL: echoServer.url('keychain.git'), path: 'app' },
    };
    for (const [name, source] of Object.entries(apps))
      await writeApplication(workspace, name, { source, destination: { name: 'nowhere', namespace: 'x' } });
    const secrets = memorySecretStore({
      [repoCredentialsAccount(echoServer.url('keychain.git'))]: JSON.stringify({
        username: USER,
        password: secret,
      }),
    });
    const engine = createEngine({
      dataDir: join(root, 'data'),
      env: {
        PLUMBLINE_WORKSPACE: workspace,
        KUBECONFIG: join(root, 'no-kubeconfig'),
        PATH: process.env.PATH,
      },
      homeDir: root,
      secrets,
      renderOnStart: true,
    });
    const client = inProcessClient(engine);
    await settled(client, Object.keys(apps).length);
    return { client, engine, workspace, protectedServer, echoServer };
  })();
  return world;
}

async function settled(client: PlumblineClient, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { apps } = await client.call('apps.list', {});
    if (
      apps.length === count &&
      apps.every((app) => !['pending', 'fetching', 'rendering'].includes(app.phase))
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The secret in the encodings a tool prints it in, beside the plain one the corpus checks. */
function expectNoEncodedForm(produced: unknown, secret: string): void {
  const text = JSON.stringify(produced);
  const forms = [
    encodeURIComponent(secret),
    Buffer.from(`${USER}:${secret}`).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64').slice(0, 16),
    Buffer.from(secret).toString('base64').slice(0, 16),
  ];
  for (const form of forms) expect(text, `the output holds ${form}`).not.toContain(form);
}

/** One application of the workspace as the contract shows it: summary, definition, conditions. */
function application(
  name: string,
  input: string,
  outcome: string,
  check: (shown: {
    app: { phase: string; conditions: Array<{ message: string }>; sources: Array<{ repoURL: string }> };
  }) => void,
): BadInputCase {
  return {
    name: `Application ${name}: ${input}`,
    outcome,
    timeoutMs: 90_000,
    run: async (marker: OutsideMarker) => {
      const { client } = await theWorld(marker.secret);
      const shown = await client.call('apps.get', { name });
      const listed = await client.call('apps.list', {});
      check(shown as never);
      expectNoEncodedForm([shown, listed], marker.secret);
      return [shown, listed];
    },
  };
}

const conditionText = (shown: { app: { conditions: Array<{ message: string }> } }) =>
  shown.app.conditions.map((condition) => condition.message).join('\n');

badInputCases('credentials', [
  application(
    'plain',
    'https://user:password@host',
    'git fetches with it; the URL is shown without userinfo',
    (shown) => {
      expect(shown.app.phase).toBe('rendered');
      expect(shown.app.sources[0]?.repoURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/good\.git$/);
    },
  ),
  application(
    'token-user',
    'https://token@host, the server echoes its Authorization',
    'a fetch error whose remote: lines are scrubbed',
    (shown) => {
      expect(shown.app.phase).toBe('error');
      expect(conditionText(shown)).toMatch(/remote: you sent Authorization: Basic \*\*\*/);
    },
  ),
  application(
    'percent-encoded',
    'user:p%40ss%2F<secret>',
    'neither the encoded nor the decoded password is shown, nor its base64 echo',
    (shown) => {
      expect(shown.app.phase).toBe('error');
      expect(conditionText(shown)).toContain('remote: credential ***');
    },
  ),
  application(
    'at-in-password',
    'user:a@<secret>@host',
    'the whole userinfo is gone, up to the last @',
    (shown) => {
      expect(shown.app.sources[0]?.repoURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/good\.git$/);
    },
  ),
  application(
    'ssh',
    'ssh://user:password@host',
    'an unreachable-repository condition; the URL without userinfo',
    (shown) => {
      expect(shown.app.sources[0]?.repoURL).toBe('ssh://127.0.0.1:1/app.git');
      expect(shown.app.phase).toBe('error');
    },
  ),
  application(
    'scp',
    "git's scp-like user:password@host:path",
    'the host and path alone, in the summary and in the condition',
    (shown) => {
      expect(shown.app.sources[0]?.repoURL).toBe('127.0.0.1:org/app.git');
      expect(shown.app.phase).toBe('error');
    },
  ),
  application(
    'helm-repo',
    'a Helm repository URL with user:password',
    'a render condition (helm refused) without the credential',
    (shown) => {
      expect(shown.app.phase).toBe('error');
    },
  ),
  application(
    'oci',
    'oci://user:password@registry chart',
    'a condition naming the repository without its userinfo',
    (shown) => {
      expect(shown.app.phase).toBe('error');
      expect(shown.app.sources[0]?.repoURL).toBe('oci://127.0.0.1:1/charts');
    },
  ),
  application(
    'revision',
    'a targetRevision holding a URL with a password',
    'an unknown-revision condition quoting it scrubbed',
    (shown) => {
      expect(shown.app.phase).toBe('error');
      expect(conditionText(shown)).toContain('https://***@elsewhere.test/x');
    },
  ),
  application(
    'keychain',
    'a keychain login the server echoes in base64',
    'the echoed base64 is scrubbed',
    (shown) => {
      expect(shown.app.phase).toBe('error');
      expect(conditionText(shown)).toMatch(/Basic \*\*\*/);
    },
  ),
  {
    name: 'a definition read through the contract and saved back unchanged',
    outcome: 'shown with ***@, the workspace file keeps the working credential',
    timeoutMs: 90_000,
    run: async (marker) => {
      const { client, workspace } = await theWorld(marker.secret);
      const { definition } = await client.call('apps.get', { name: 'plain' });
      expect(JSON.stringify(definition)).toContain('http://***@127.0.0.1');
      const saved = await client.call('apps.update', { name: 'plain', definition });
      const file = await readFile(join(workspace, 'plain.yaml'), 'utf8');
      expect(file).toContain(`${USER}:${marker.secret}@127.0.0.1`);
      return { definition, saved };
    },
  },
  {
    name: 'git error output quoting http://user:password@host (nothing listens)',
    outcome: 'a RepositoryError without the credential',
    run: async (marker) => {
      const repos = createRepositoryCache({ cacheDir: join(root, 'direct-cache') });
      const message = await repos
        .resolveRevision(`http://${USER}:${marker.secret}@127.0.0.1:1/x.git`, 'main')
        .then(
          () => 'resolved',
          (error: Error) => error.message,
        );
      expect(message).toMatch(/127\.0\.0\.1:1/);
      expectNoEncodedForm(message, marker.secret);
      return message;
    },
  },
  {
    name: 'tool output with Authorization: Bearer, a percent-encoded URL and the base64 of user:password',
    outcome: 'each form scrubbed',
    run: async (marker) => {
      const basic = Buffer.from(`${USER}:${marker.secret}`).toString('base64');
      const text = scrub(
        [
          `> Authorization: Bearer ${marker.secret}`,
          `redirect=https%3A%2F%2F${USER}%3A${marker.secret}%40host%2Fx`,
          `remote: ${basic}`,
        ].join('\n'),
      );
      expect(text).toContain('Authorization: Bearer ***');
      expectNoEncodedForm(text, marker.secret);
      return text;
    },
  },
  {
    name: 'plumbline render --repo http://user:password@host with a Secret in git',
    outcome: 'the objects, Secret values masked, no credential',
    timeoutMs: 120_000,
    run: async (marker) => {
      const { protectedServer } = await theWorld(marker.secret);
      const result = await runCli(
        [
          'render',
          '--repo',
          withLogin(protectedServer.url('good.git'), `${USER}:${marker.secret}`),
          '--path',
          'app',
        ],
        { PLUMBLINE_DATA_DIR: join(root, 'cli-data') },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('kind: ConfigMap');
      expect(result.stdout).not.toContain('in-git-secret-value-42');
      expectNoEncodedForm(result, marker.secret);
      return result;
    },
  },
]);
