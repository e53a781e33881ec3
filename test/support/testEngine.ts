// An engine as the tests run it, on a workspace, with its data folder under the test's
// temporary folder: by default the test clusters' kubeconfig (the cluster end-to-end tests),
// or the kubeconfig a test names (integration tests: a fixture, or a file that is not there).
import { join } from 'node:path';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { createEngine, inProcessClient, type Engine, type EngineHost } from '../../engine/index.ts';
import { testKubeconfigPath } from '../cluster/kubeconfig.ts';

export function testEngine(
  root: string,
  workspace: string,
  options: { dataDir?: string; kubeconfig?: string; env?: Record<string, string> } & Partial<
    Omit<EngineHost, 'dataDir' | 'env' | 'homeDir'>
  > = {},
): { engine: Engine; client: PlumblineClient } {
  const { dataDir = 'data', kubeconfig, env, ...host } = options;
  const engine = createEngine({
    dataDir: join(root, dataDir),
    env: {
      PATH: process.env.PATH,
      KUBECONFIG: kubeconfig ?? testKubeconfigPath(),
      PLUMBLINE_WORKSPACE: workspace,
      ...env,
    },
    homeDir: root,
    ...host,
  });
  return { engine, client: inProcessClient(engine) };
}
