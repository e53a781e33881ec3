// A source from an OCI registry, made ready for the renderers: the artifact pulled (or found in the
// cache) with the repository's credentials from the keychain and the CA the user trusts for its
// host (or no check, for an `insecure` repository), and its unpacked content given to the render
// as a checkout is, the manifest digest standing for the commit (the render cache key
// and the revision shown). A Helm chart artifact renders as Helm; manifests as their `path` says.
import { pullArtifact, type ArtifactLimits } from '../oci/artifact.ts';
import { displayReference, ociSourceRef, ociUrl, OciReferenceError } from '../oci/reference.ts';
import { findRepoCredentials } from '../secrets/repoCredentials.ts';
import { RenderError, describeError } from './errors.ts';
import type { RenderOptions, RenderSource } from './types.ts';

export { isOciSource } from '../oci/reference.ts';

export interface OciCheckout {
  /** The unpacked artifact: the checkout the source's `path` is read in. */
  dir: string;
  /** The manifest digest (`sha256:...`). */
  digest: string;
  isHelmChart: boolean;
}

/** Pulls the artifact a source names; errors name the artifact, never a credential. */
export async function pullOciSource(
  source: RenderSource,
  options: RenderOptions,
  limits?: Partial<ArtifactLimits>,
): Promise<OciCheckout> {
  let reference;
  try {
    reference = ociSourceRef(source);
  } catch (error) {
    if (error instanceof OciReferenceError)
      throw new RenderError(`OCI source ${source.repoURL}: ${error.message}`);
    throw error;
  }
  const revision = source.targetRevision ?? '';
  const shown = displayReference(reference, revision || undefined);
  options.onProgress?.({ phase: 'pull-chart', message: `pulling ${shown}` });
  try {
    const stored = options.secrets ? await findRepoCredentials(options.secrets, source.repoURL ?? '') : null;
    const credentials =
      stored?.username || stored?.password
        ? { username: stored.username, password: stored.password }
        : undefined;
    // the CA the user trusts for the registry's host (`plumbline repo cert add`), its `insecure`
    const tls = (await options.repositorySettings?.tlsFor(ociUrl(source.repoURL ?? ''))) ?? {};
    return await pullArtifact({
      reference,
      revision,
      chart: source.chart,
      cacheDir: options.cacheDir,
      refresh: options.hardRefresh ?? false,
      client: { credentials, ca: tls.tlsCaData, insecure: tls.insecure, signal: options.signal },
      limits,
    });
  } catch (error) {
    if (error instanceof RenderError) throw error;
    const message = describeError(error);
    // the client's messages name the artifact already
    throw new RenderError(message.startsWith('oci://') ? message : `pull ${shown}: ${message}`, {
      cause: error,
    });
  }
}
