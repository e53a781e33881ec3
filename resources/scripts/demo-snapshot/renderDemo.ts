// Renders the bundled demo's applications from resources/demo as the engine would (the same
// renderers, helm and kustomize), straight from the folder: the demo snapshot is made of what
// the demo's manifests really produce, so it stays true when they change.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { appSources, applicationSchema } from '../../../engine/model/index.ts';
import { renderSources, type KubeObject, type RenderSource } from '../../../engine/render/index.ts';
import { DEMO_CLUSTER_PLACEHOLDER, DEMO_REPO_PLACEHOLDER } from '../../../engine/workspace/demo.ts';

export const bundledDemoDir = fileURLToPath(new URL('../../demo/', import.meta.url));

export interface RenderedDemoApp {
  name: string;
  namespace: string;
  /** The desired objects, with the tracking annotation and namespace the engine gives them. */
  objects: KubeObject[];
}

/** Every demo application, rendered; `cacheDir` holds the bundled tools and the render cache. */
export async function renderDemoApps(cacheDir: string, demoDir = bundledDemoDir): Promise<RenderedDemoApp[]> {
  const appsDir = join(demoDir, 'workspace', 'applications');
  const files = (await readdir(appsDir)).filter((file) => file.endsWith('.yaml')).sort();
  const rendered: RenderedDemoApp[] = [];
  for (const file of files) {
    const text = (await readFile(join(appsDir, file), 'utf8'))
      .replaceAll(DEMO_REPO_PLACEHOLDER, 'file:///demo-repo')
      .replaceAll(DEMO_CLUSTER_PLACEHOLDER, 'demo');
    const app = applicationSchema.parse(parse(text));
    const namespace = app.spec.destination.namespace ?? 'default';
    const sources = appSources(app) as RenderSource[];
    const result = await renderSources(
      sources,
      sources.map(() => ({ dir: join(demoDir, 'repo') })),
      { appName: app.metadata.name, destinationNamespace: namespace, projectName: app.spec.project },
      { cacheDir, pathEnv: process.env.PATH },
    );
    rendered.push({ name: app.metadata.name, namespace, objects: result.objects });
  }
  return rendered;
}
