// User settings kept as one JSON file in the data folder, in the format electron-store writes
// (config.json), so the desktop app and the headless host share it. Writes are atomic.
import { rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FileReadError, readRegularTextFile } from '../files/regularFile.ts';
import { setActiveYamlLimits, yamlLimitsOf } from '../yaml/index.ts';
import { setActiveTracking, trackingOf, TRACKING_METHODS } from '../tracking/index.ts';

/** A settings file holds a few Lua scripts at most; one larger than this is not one. */
const MAX_SETTINGS_BYTES = 8 * 1024 * 1024;

export const settingsSchema = z.looseObject({
  /** The workspace folder chosen by the user (PLUMBLINE_WORKSPACE still wins). */
  workspace: z.string().optional(),
  /** A folder laid out as Argo CD's resource_customizations, with `<group>/<kind>/health.lua`. */
  healthCustomizations: z.string().optional(),
  /** Lua health scripts keyed `<group>/<kind>` (`<kind>` for the core group, `*` wildcards), as Argo CD's resource.customizations. */
  resourceHealthChecks: z
    .record(
      z.string(),
      z.union([z.string(), z.looseObject({ script: z.string(), useOpenLibs: z.boolean().optional() })]),
    )
    .optional(),
  /**
   * Resource actions keyed `<group>/<kind>` (or `<group>_<kind>`), as Argo CD's
   * resource.customizations.actions: `discovery.lua`, `definitions`, `mergeBuiltinActions`, or
   * that YAML as text. Read by engine/actions/settingsActions.ts, which names what is wrong.
   */
  resourceActions: z.record(z.string(), z.unknown()).optional(),
  /** Paths of helm, kubectl and kustomize to use before PATH and the bundled copies. */
  tools: z
    .looseObject({
      helm: z.string().optional(),
      kubectl: z.string().optional(),
      kustomize: z.string().optional(),
      /** Kustomize binaries a source picks by name with `kustomize.version` (Argo CD's `kustomize.path.<name>`). */
      kustomizeVersions: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** Where operation leases live in each cluster; `kube-system` unless set. */
  operationLeaseNamespace: z.string().optional(),
  /**
   * Argo CD's `application.resourceTrackingMethod` (annotation, label, annotation+label; annotation
   * by default) and `application.instanceLabelKey` (app.kubernetes.io/instance by default).
   */
  application: z
    .looseObject({
      resourceTrackingMethod: z.enum(TRACKING_METHODS).optional(),
      instanceLabelKey: z.string().min(1).max(317).optional(),
    })
    .optional(),
  /** Argo CD's installationID: written beside the tracking annotation and required of what is tracked. */
  installationID: z.string().min(1).max(253).optional(),
  /** The registered cluster or kubeconfig context that stands for Argo CD's own (`in-cluster`). */
  inClusterDestination: z.string().optional(),
  /**
   * Argo CD's allowedSCMProviders: the API URLs (as sets write them) that scmProvider and
   * pullRequest generators may call; empty: any. A tokenRef's token goes only to a URL listed here
   * (or to GitHub's and GitLab's public APIs when a set names no URL).
   */
  allowedScmProviders: z.array(z.string().min(1).max(2048)).max(1000).optional(),
  /**
   * Argo CD ConfigManagementPlugin files (absolute paths): the only config management plugins a
   * source may use. Edited in this file only, never from the Settings view: they run programs.
   */
  configManagementPlugins: z.array(z.string().min(1).max(4096)).max(100).optional(),
  /** How often every application is re-rendered and compared at least, and the random delay added to it. */
  reconciliation: z
    .looseObject({
      periodSeconds: z.number().nonnegative().optional(),
      jitterSeconds: z.number().nonnegative().optional(),
    })
    .optional(),
  /** Work run at once: git processes, renders, application operations (syncs); sized to the machine unless set. */
  concurrency: z
    .looseObject({
      git: z.number().int().positive().optional(),
      render: z.number().int().positive().optional(),
      operations: z.number().int().positive().optional(),
    })
    .optional(),
  /**
   * Whether render checkouts fetch and write submodules (Argo CD's ARGOCD_GIT_MODULES_ENABLED;
   * the environment variable PLUMBLINE_GIT_MODULES_ENABLED wins); yes unless false.
   */
  gitSubmodules: z.boolean().optional(),
  /** Author of the commits Plumbline makes (revert in git); the desktop user unless set. */
  gitAuthor: z.looseObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  /**
   * Limits of every render and what it may fetch from outside the repository. Remote kustomize
   * bases (git or http `resources`) and remote `$ref`s in chart schemas are off unless allowed
   * here; Argo CD allows remote bases by default.
   */
  render: z
    .looseObject({
      allowRemoteKustomizeBases: z.boolean().optional(),
      allowRemoteSchemaRefs: z.boolean().optional(),
      maxOutputMegabytes: z.number().positive().optional(),
      maxObjects: z.number().int().positive().optional(),
      maxToolMemoryMegabytes: z.number().positive().optional(),
    })
    .optional(),
  /**
   * Limits every YAML text is held to (workspace files, manifests, tool output, kubeconfigs):
   * bytes of one file (10 MiB), nesting depth (100), documents in one file (10,000), anchors and
   * aliases in one document (1,000), bytes of one mapping key (64 KiB), unless set.
   */
  limits: z
    .looseObject({
      yamlFileBytes: z
        .number()
        .int()
        .positive()
        .max(1024 * 1024 * 1024)
        .optional(),
      // Deeper than this, the recursive code that walks objects could exhaust its stack.
      yamlDepth: z.number().int().positive().max(1000).optional(),
      yamlDocuments: z.number().int().positive().max(1_000_000).optional(),
      yamlAliases: z.number().int().positive().max(1_000_000).optional(),
      yamlKeyBytes: z
        .number()
        .int()
        .positive()
        .max(16 * 1024 * 1024)
        .optional(),
    })
    .optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export class SettingsFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'config.json');
  }

  async read(): Promise<Settings> {
    let text: string;
    try {
      // A regular file only: a FIFO or a device in place of the settings never blocks the engine.
      text = await readRegularTextFile(this.path, { maxBytes: MAX_SETTINGS_BYTES, what: 'settings' });
    } catch (error) {
      if (error instanceof FileReadError && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
        setActiveTracking(trackingOf({}));
        return {};
      }
      throw new Error((error as Error).message, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`settings ${this.path}: not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
    const parsed = settingsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new Error(`settings ${this.path}: ${where}${issue?.message ?? 'invalid'}`);
    }
    // Every YAML reader of this process follows the limits of the settings read last.
    setActiveYamlLimits(yamlLimitsOf(parsed.data.limits));
    // and every reader and writer of tracking marks follows its tracking
    setActiveTracking(trackingOf(parsed.data));
    return parsed.data;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    return this.replace({ ...(await this.read()), ...change });
  }

  /** Writes these settings in place of the file's. */
  async replace(next: Settings): Promise<Settings> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(next, null, '\t')}\n`, { mode: 0o600 });
    await rename(temp, this.path);
    return next;
  }
}
