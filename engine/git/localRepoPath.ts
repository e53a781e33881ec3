// A repository given as a local folder: only an absolute path counts. Anything else that is
// neither a URL nor git's `host:path` is refused with what to write instead, rather than taken
// as a folder relative to wherever Plumbline happens to run — an OCI registry written without
// `oci://` (`ghcr.io/org/charts`) would otherwise be looked for under the current folder.
import { isAbsolute, resolve } from 'node:path';
import { RepositoryError } from './repositoryError.ts';

// `ghcr.io/...`, `registry.local:5000/...`, `localhost/...`: the first segment names a host.
const HOST_FIRST = /^(?:localhost|[^/\\\s]*\.[^/\\\s]*)(?::\d+)?(?:[/\\]|$)/i;

export function localRepoPath(raw: string, display: string): string {
  if (isAbsolute(raw)) return resolve(raw);
  const reason = HOST_FIRST.test(raw)
    ? `neither a URL nor an absolute path: write oci://${display} for an OCI registry, or https://${display} for a git server`
    : 'neither a URL nor an absolute path: give a local repository by its absolute path (or a file:// URL)';
  throw new RepositoryError('other', `repository URL ${display}: ${reason}`);
}
