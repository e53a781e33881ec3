// Charts from a Helm repository: a tiny repository made with `helm package` and `helm repo index`,
// served over local http by Node, pulled with the real helm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { renderSource, RenderError } from '../../../engine/render/index.ts';
import type { RenderSource } from '../../../engine/render/index.ts';
import { resolveTool, runTool, toolInvocations, ToolArgs } from '../../../engine/tools/index.ts';
import { makeWorkspace, type Workspace } from '../../fixtures/render/workspace.ts';

let ws: Workspace;
let server: Server;
let repoURL: string;
const requests: string[] = [];

beforeAll(async () => {
  ws = await makeWorkspace();
  const repoDir = join(ws.root, 'helm-repo');
  await mkdir(repoDir);
  const helm = await resolveTool('helm', { cacheDir: ws.cacheDir });
  await runTool(
    helm.path,
    new ToolArgs('package')
      .option('--destination', repoDir, 'folder')
      .operand(join(ws.repo, 'charts', 'api'), 'chart'),
  );
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const file = normalize(join(repoDir, decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')));
    if (!file.startsWith(repoDir)) return response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  repoURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await runTool(
    helm.path,
    new ToolArgs('repo', 'index').option('--url', repoURL, 'URL').operand(repoDir, 'folder'),
  );
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ws.cleanup();
});

const helmRuns = () => toolInvocations().helm ?? 0;
const chartSource = (): RenderSource => ({
  repoURL,
  chart: 'api',
  targetRevision: '0.3.0',
  helm: { parameters: [{ name: 'greeting', value: 'pulled' }] },
});

describe('charts from a Helm repository', () => {
  it('pulls the chart once, renders it, and serves repeats from the caches', async () => {
    const context = { appName: 'remote', destinationNamespace: 'apps' };
    const first = await renderSource(chartSource(), undefined, context, { cacheDir: ws.cacheDir });
    expect(first.sourceType).toBe('Helm');
    const configMap = first.objects.find((o) => o.kind === 'ConfigMap');
    expect(configMap?.metadata.name).toBe('remote-settings');
    expect((configMap?.data as Record<string, string>).greeting).toBe('pulled');
    expect(requests.filter((url) => url.endsWith('.tgz'))).toHaveLength(1);

    // Same app: the render cache answers (an exact chart version pins the input).
    const runs = helmRuns();
    const again = await renderSource(chartSource(), undefined, context, { cacheDir: ws.cacheDir });
    expect(again.fromCache).toBe(true);
    expect(helmRuns()).toBe(runs);

    // Another app: rendered again, from the chart already pulled.
    const other = await renderSource(
      chartSource(),
      undefined,
      { ...context, appName: 'other' },
      { cacheDir: ws.cacheDir },
    );
    expect(other.objects.find((o) => o.kind === 'ConfigMap')?.metadata.name).toBe('other-settings');
    expect(helmRuns()).toBe(runs + 1);
    expect(requests.filter((url) => url.endsWith('.tgz'))).toHaveLength(1);
  });

  it("reports helm's message for a chart the repository does not have", async () => {
    const source = { ...chartSource(), chart: 'nope' };
    const error = await renderSource(
      source,
      undefined,
      { appName: 'x', destinationNamespace: 'y' },
      { cacheDir: ws.cacheDir },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toMatch(
      /^pull helm chart nope 0\.3\.0 from http:\/\/127\.0\.0\.1:\d+: .*not found/,
    );
  });
});
