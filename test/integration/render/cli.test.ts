// `plumbline render` on a local folder and on a git repository at a revision.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderCommand } from '../../../main/cli/commands/render.ts';
import { TRACKING_ANNOTATION, type KubeObject } from '../../../engine/render/index.ts';
import { makeWorkspace, type Workspace } from '../../fixtures/render/workspace.ts';

const git = promisify(execFile);
let ws: Workspace;

beforeAll(async () => {
  ws = await makeWorkspace();
});
afterAll(() => ws.cleanup());

async function run(args: string[]): Promise<string> {
  let printed = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    await renderCommand()
      .exitOverride()
      .parseAsync([...args, '--cache-dir', ws.cacheDir], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return printed;
}

describe('plumbline render', () => {
  it('prints a local folder as a YAML stream', async () => {
    const printed = await run(['--repo', ws.repo, '--path', 'plain', '--namespace', 'web']);
    expect(printed.startsWith('---\n')).toBe(true);
    const objects = parseAllDocuments(printed).map((d) => d.toJS() as KubeObject);
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Service', 'Namespace']);
    expect(objects[0]?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe('plain:/ConfigMap:web/app-config');
  });

  it('renders a helm chart with value files as JSON', async () => {
    const printed = await run([
      '--repo',
      ws.repo,
      '--path',
      'charts/api',
      '--helm-values',
      'values-prod.yaml',
      '--output',
      'json',
    ]);
    const objects = JSON.parse(printed) as KubeObject[];
    const deployment = objects.find((o) => o.kind === 'Deployment');
    expect(deployment?.metadata.name).toBe('api-api');
    expect(deployment?.metadata.labels?.environment).toBe('prod');
  });

  it('renders jsonnet with top-level arguments, external variables and library paths', async () => {
    const example = new URL(
      '../../fixtures/jsonnet/argocd-example-apps/jsonnet-guestbook-tla',
      import.meta.url,
    );
    await cp(fileURLToPath(example), join(ws.repo, 'jsonnet-tla'), { recursive: true });
    await mkdir(join(ws.repo, 'jsonnet-libs'));
    await writeFile(join(ws.repo, 'jsonnet-libs', 'ports.libsonnet'), '{ port: 8080 }');
    const printed = await run([
      '--repo',
      ws.repo,
      '--path',
      'jsonnet-tla',
      '--name',
      'guestbook',
      '--jsonnet-tla-str',
      'name=$ARGOCD_APP_NAME-ui',
      '--jsonnet-tla-code',
      'replicas=1 + 1',
      '--jsonnet-tla-code',
      "containerPort=(import 'ports.libsonnet').port + std.extVar('offset')",
      '--jsonnet-ext-var-code',
      'offset=1',
      '--jsonnet-libs',
      'jsonnet-libs',
      '--output',
      'json',
    ]);
    const objects = JSON.parse(printed) as Array<KubeObject & { spec: Record<string, unknown> }>;
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/guestbook-ui',
      'Deployment/guestbook-ui',
    ]);
    expect(objects[1]?.spec.replicas).toBe(2);
    expect(objects[0]?.spec.ports).toEqual([{ port: 80, targetPort: 8081 }]);
  });

  it('renders a revision of a git repository, not the working tree', async () => {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    };
    await git('git', ['init', '-q', '-b', 'main', ws.repo]);
    await git('git', ['-C', ws.repo, 'add', '-A'], { env });
    await git('git', ['-C', ws.repo, 'commit', '-q', '-m', 'fixtures'], { env });
    await writeFile(
      join(ws.repo, 'plain', 'uncommitted.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n',
    );
    const printed = await run([
      '--repo',
      ws.repo,
      '--path',
      'plain',
      '--revision',
      'main',
      '--output',
      'json',
    ]);
    expect((JSON.parse(printed) as KubeObject[]).map((o) => o.kind)).toEqual([
      'ConfigMap',
      'Service',
      'Namespace',
    ]);
  });
});
