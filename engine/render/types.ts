// The shapes a render works with: the Argo CD source spec it reads (structural, so the model's
// ApplicationSource fits), the application context, the options and the result.
import type { Limiter } from '../limits/limiter.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { HelmRepositorySettings } from './helm-dependencies-list.ts';

/** What a repository's https is checked with: the CAs trusted for its host, or no check at all. */
export interface RepositoryTls {
  /** PEM certificates trusted instead of the system's. */
  tlsCaData?: string;
  insecure?: boolean;
}

/** The repositories the user configured, as renders need them (a Helm repository's name, a host's CA). */
export interface RepositorySettings {
  /** The Helm repositories (and OCI registries) the user added, for `@name` dependencies. */
  helmRepositories(): Promise<HelmRepositorySettings[]>;
  /** The CA trusted for the URL's host and whether the URL's repository skips the check. */
  tlsFor(url: string): Promise<RepositoryTls>;
}

/** Argo CD's names for the source types Plumbline renders (Plugin: a configured config management plugin). */
export type SourceType = 'Directory' | 'Kustomize' | 'Helm' | 'Plugin';

export interface HelmParameter {
  name?: string;
  value?: string;
  forceString?: boolean;
}

export interface HelmFileParameter {
  name?: string;
  path?: string;
}

export interface HelmSourceOptions {
  releaseName?: string;
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  skipCrds?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  ignoreMissingValueFiles?: boolean;
  passCredentials?: boolean;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  version?: string;
}

export interface KustomizeSourceOptions {
  images?: string[];
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  namespace?: string;
  replicas?: Array<{ name: string; count: number | string }>;
  patches?: unknown[];
  components?: string[];
  version?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  commonAnnotationsEnvsubst?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  ignoreMissingComponents?: boolean;
}

export interface DirectorySourceOptions {
  recurse?: boolean;
  include?: string;
  exclude?: string;
  jsonnet?: { extVars?: unknown[]; tlas?: unknown[]; libs?: string[] };
}

/** One Argo CD ApplicationSource, as far as rendering reads it. */
export interface RenderSource {
  repoURL?: string;
  targetRevision?: string;
  path?: string;
  chart?: string;
  ref?: string;
  helm?: HelmSourceOptions;
  kustomize?: KustomizeSourceOptions;
  directory?: DirectorySourceOptions;
  plugin?: unknown;
}

export interface RenderContext {
  appName: string;
  destinationNamespace: string;
  /** The application's AppProject, for Argo CD's ARGOCD_APP_PROJECT_NAME. */
  projectName?: string;
  /** The target cluster's version, for helm's `--kube-version` (`v1.30.2` or `1.30`). */
  kubeVersion?: string;
  /** The target cluster's API versions (`apps/v1`, `apps/v1/Deployment`), for helm's `--api-versions`. */
  apiVersions?: string[];
  /** Whether a kind is namespaced, from the cluster's discovery; undefined when not known. */
  isNamespaced?: (group: string, kind: string) => boolean | undefined;
}

export interface RenderProgress {
  phase: 'prepare' | 'tools' | 'cache-hit' | 'pull-chart' | 'render' | 'done';
  message: string;
}

export interface ToolSettings {
  helm?: string;
  kubectl?: string;
  kustomize?: string;
  /** Kustomize binaries by the name a source's `kustomize.version` gives (Argo CD's `kustomize.path.<version>`). */
  kustomizeVersions?: Record<string, string>;
}

/** The `render` setting; every field has a default (see limits.ts). */
export interface RenderSettings {
  /** Kustomize `resources`/`components` from git or http URLs (Argo CD allows them; Plumbline not by default). */
  allowRemoteKustomizeBases?: boolean;
  /** http(s) `$ref`s in a chart's values.schema.json (helm would fetch them). */
  allowRemoteSchemaRefs?: boolean;
  /** Bytes of manifests one render may produce (tool output, or a directory's files), in MB. */
  maxOutputMegabytes?: number;
  /** Objects one render may produce. */
  maxObjects?: number;
  /** Resident memory of one helm/kustomize process and its children, in MB (Linux). */
  maxToolMemoryMegabytes?: number;
}

/** The limits a tool process runs under. */
export interface ToolLimits {
  timeoutMs?: number;
  maxOutputBytes?: number;
  maxMemoryBytes?: number;
}

export interface RenderOptions {
  /** Plumbline's cache folder: bundled tools, helm's homes, pulled charts and the render cache. */
  cacheDir: string;
  /** The commit of the checkout; without it, a git source's render is not cached. */
  commitSha?: string;
  /** Checkouts of the application's other sources, by their `ref` name, for `$ref/...` value files. */
  refSources?: Record<string, string>;
  /** The commits of those checkouts, by `ref` name; a ref without one makes the render uncacheable. */
  refCommitShas?: Record<string, string>;
  /** Render again even if the cache has this render (Argo CD's hard refresh). */
  hardRefresh?: boolean;
  toolSettings?: ToolSettings;
  /** PATH searched for the tools; defaults to the process's. */
  pathEnv?: string;
  /** A folder of binaries shipped with a packaged app, tried after the PATH. */
  bundledToolsDir?: string;
  /** Limits of the render cache on disk. */
  cacheLimits?: { maxBytes?: number; maxEntries?: number };
  /** Renders running at once across the engine (a render waits for a slot); unbounded without it. */
  slots?: Limiter;
  timeoutMs?: number;
  /** The `render` setting: output, object and memory limits, and what may come from outside the repository. */
  renderSettings?: RenderSettings;
  /** Credentials of Helm repositories (findRepoCredentials); without it, anonymous access only. */
  secrets?: SecretStore;
  /** The Helm repositories the user configured: names for `@name` dependencies, CAs, `insecure`. */
  helmRepositories?: HelmRepositorySettings[];
  /** Files of the config management plugins the user configured (setting configManagementPlugins). */
  configManagementPlugins?: readonly string[];
  /** What the user configured about repositories (engine/repos), read at each render. */
  repositorySettings?: RepositorySettings;
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
}

export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [field: string]: unknown;
}

export interface RenderResult {
  objects: KubeObject[];
  sourceType: SourceType;
  /** Versions of the tools the render used, by tool name; empty for a plain directory. */
  toolVersions: Record<string, string>;
  /** Duplicate mapping keys read with the last value (as Argo CD does), each a complete message. */
  warnings: string[];
  fromCache: boolean;
  /** The manifest digest of a source from an OCI registry: its revision, as a commit is for git. */
  revision?: string;
}
