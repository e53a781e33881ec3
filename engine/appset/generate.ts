// Turns an ApplicationSet into the Applications it generates, as Argo CD v3 does: each top-level
// generator's parameter sets, each rendered through the set's template (merged under the
// generator's own template), the resources finalizer added unless deletion preserves resources,
// and the result checked as an Application. Any error names the set and the generator.
import { z } from 'zod';
import {
  applicationSchema,
  ARGOPROJ_API_VERSION,
  type Application,
  type ApplicationSet,
} from '../model/index.ts';
import { ApplicationSetError, GeneratorError } from './errors.ts';
import { goTreeRenderer, renderDefaultTrees, type TreeRenderer } from './renderTrees.ts';
import { generatorKind, runGenerator } from './generators/dispatch.ts';
import { countChecker, type GeneratorRun } from './generators/run.ts';
import { DEFAULT_APPSET_LIMITS, type AppSetLimits } from './limits.ts';
import { isRecord, type Params } from './params.ts';
import { applyTemplatePatch } from './templatePatch.ts';
import {
  noScmAccess,
  type ArgoNamespaceSource,
  type ClusterSource,
  type RepositorySource,
  type ScmAccess,
} from './sources.ts';

export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export interface GenerateOptions {
  clusters: ClusterSource;
  repositories: RepositorySource;
  /** Argo CD's namespace on the cluster that plays in-cluster: clusterDecisionResource and plugin read it. */
  argoNamespace?: ArgoNamespaceSource;
  /** What scmProvider and pullRequest may call and the tokens they may use; none: no tokens. */
  scm?: ScmAccess;
  limits?: Partial<AppSetLimits>;
  /** helm and a cache folder, to render `goTemplate: true` sets (Go's text/template with sprig). */
  goTemplate?: { helmPath: string; cacheDir: string };
}

export interface GeneratedApplication {
  name: string;
  application: Application;
  /** The parameter set it was rendered from. */
  params: Params;
  /** 0-based index of the top-level generator that made it. */
  generatorIndex: number;
}

/** Fields of the generator's own template win; the set's template fills what it leaves empty (mergo.Merge). */
function fillFrom(own: unknown, base: unknown): unknown {
  if (own === undefined || own === null || own === '') return base;
  if (isRecord(own) && isRecord(base)) {
    const out: Record<string, unknown> = { ...own };
    for (const [key, value] of Object.entries(base)) out[key] = fillFrom(own[key], value);
    return out;
  }
  return own;
}

function ownTemplate(generator: Record<string, unknown>, kind: string): unknown {
  const spec = generator[kind];
  return isRecord(spec) ? spec.template : undefined;
}

/** A rendered template (and patch text) made into the Application, checked against its schema. */
function finishApplication(
  set: ApplicationSet,
  rendered: Record<string, unknown>,
  patch: string | undefined,
): Application {
  const metadata = isRecord(rendered.metadata) ? { ...rendered.metadata } : {};
  const finalizers = Array.isArray(metadata.finalizers) ? metadata.finalizers : [];
  if (finalizers.length === 0 && set.spec.syncPolicy?.preserveResourcesOnDeletion !== true)
    metadata.finalizers = [RESOURCES_FINALIZER];
  if (metadata.namespace === undefined && set.metadata.namespace !== undefined)
    metadata.namespace = set.metadata.namespace;
  let candidate: Record<string, unknown> = {
    apiVersion: ARGOPROJ_API_VERSION,
    kind: 'Application',
    metadata,
    spec: rendered.spec ?? {},
  };
  if (patch !== undefined) candidate = applyTemplatePatch(candidate, patch);
  const checked = applicationSchema.safeParse(candidate);
  if (!checked.success) {
    const named = isRecord(candidate.metadata) ? candidate.metadata.name : undefined;
    const name = typeof named === 'string' ? named : '(no name)';
    throw new GeneratorError(
      `the rendered application ${name} is not a valid Application: ${z.prettifyError(checked.error)}`,
    );
  }
  return checked.data;
}

function rendererOf(set: ApplicationSet, options: GenerateOptions): TreeRenderer {
  if (set.spec.goTemplate !== true) return renderDefaultTrees;
  if (options.goTemplate === undefined)
    throw new ApplicationSetError(
      set.metadata.name,
      'goTemplate needs helm, and no helm was given to render it',
    );
  return goTreeRenderer({ ...options.goTemplate, options: set.spec.goTemplateOptions ?? [] });
}

export async function generateApplications(
  set: ApplicationSet,
  options: GenerateOptions,
): Promise<GeneratedApplication[]> {
  const setName = set.metadata.name;
  const limits = { ...DEFAULT_APPSET_LIMITS, ...options.limits };
  const run: GeneratorRun = {
    goTemplate: set.spec.goTemplate === true,
    render: rendererOf(set, options),
    limits,
    clusters: options.clusters,
    repositories: options.repositories,
    argoNamespace: options.argoNamespace,
    scm: options.scm ?? noScmAccess,
    setName,
    checkCount: countChecker(limits),
  };
  const generated: GeneratedApplication[] = [];
  const names = new Set<string>();
  for (const [index, generator] of set.spec.generators.entries()) {
    let kind = 'unknown';
    try {
      kind = generatorKind(generator);
      const template = fillFrom(ownTemplate(generator, kind), set.spec.template) as Record<string, unknown>;
      const paramSets = await runGenerator(generator, run, 0);
      run.checkCount(generated.length + paramSets.length, 'generated applications');
      const rendered = (await run.render(template, paramSets)) as Record<string, unknown>[];
      const patches =
        set.spec.templatePatch === undefined
          ? []
          : ((await run.render(set.spec.templatePatch, paramSets)) as string[]);
      for (const [at, params] of paramSets.entries()) {
        const application = finishApplication(set, rendered[at]!, patches[at]);
        const name = application.metadata.name;
        if (names.has(name)) throw new GeneratorError(`the set generates two applications named ${name}`);
        names.add(name);
        generated.push({ name, application, params, generatorIndex: index });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ApplicationSetError(setName, message, { index, kind });
    }
  }
  return generated;
}
