// An engine as the cluster end-to-end tests run it: the test clusters' kubeconfig, a workspace,
// its data folder under the test's temporary folder.
import { join } from 'node:path';
import type { PlumblineClient } from '../../engine/api/client.ts';
import { createEngine, inProcessClient, type Engine, type EngineHost } from '../../engine/index.ts';
import { testKubeconfigPath } from '../cluster/kubeconfig.ts';

export function testEngine(
  root: string,
  workspace: string,
  options: { dataDir?: string } & Partial<Omit<EngineHost, 'dataDir' | 'env' | 'homeDir'>> = {},
): { engine: Engine; client: PlumblineClient } {
  const { dataDir = 'data', ...host } = options;
  const engine = createEngine({
    dataDir: join(root, dataDir),
    env: { PATH: process.env.PATH, KUBECONFIG: testKubeconfigPath(), PLUMBLINE_WORKSPACE: workspace },
    homeDir: root,
    ...host,
  });
  return { engine, client: inProcessClient(engine) };
}
