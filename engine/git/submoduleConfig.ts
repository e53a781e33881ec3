// What a superproject's `.gitmodules` says about its submodules, read as data (git prints it from
// the commit's blob, with includes off) and judged before anything is fetched. A hostile
// `.gitmodules` may name URLs that are options (`-...`), remote helpers (`ext::`, `fd::`), local
// folders of this machine, or paths and names that climb out of the repository; Plumbline's rule:
//
// - a submodule of a remote repository may live at https, http, ssh or git URLs only;
// - `file://` URLs and local paths only when the superproject is itself a local repository;
// - a relative URL (`../other.git`) resolves against the superproject's URL as git resolves it,
//   and must stay on the superproject's host;
// - paths and names with `..`, absolute paths and `.git` components are refused, and so is any
//   `update` but checkout, rebase, merge (all: check the pinned commit out) and none (skipped).
import { hasControlCharacters } from './refs.ts';
import { parseRepoUrl, type ParsedRepoUrl } from './repoUrl.ts';

export interface SubmoduleEntry {
  name: string;
  path?: string;
  url?: string;
  update?: string;
}

/** The entries of `git config --blob <commit>:.gitmodules --null --list` (`key\nvalue\0`…), by name. */
export function parseGitmodulesListing(listing: string): Map<string, SubmoduleEntry> {
  const entries = new Map<string, SubmoduleEntry>();
  for (const record of listing.split('\0')) {
    const newline = record.indexOf('\n');
    if (newline < 0) continue;
    const key = record.slice(0, newline);
    const value = record.slice(newline + 1);
    // git lower-cases the section and the variable, never the name between them.
    const match = /^submodule\.(.+)\.(path|url|update)$/s.exec(key);
    if (!match) continue;
    const [, name = '', variable = ''] = match;
    const entry = entries.get(name) ?? { name };
    // As git: the last value of a variable counts.
    entry[variable as 'path' | 'url' | 'update'] = value;
    entries.set(name, entry);
  }
  return entries;
}

/** Why a submodule name is refused (git refuses the same: `..` lets `.git/modules/<name>` climb). */
export function submoduleNameProblem(name: string): string | null {
  if (name === '') return 'its name is empty';
  if (hasControlCharacters(name)) return 'its name contains control characters';
  if (name.split(/[/\\]/).includes('..')) return 'its name contains ".."';
  return null;
}

/** Why a submodule path (from `.gitmodules` or the tree) is refused: it must stay inside the repository. */
export function submodulePathProblem(path: string): string | null {
  if (path === '') return 'its path is empty';
  if (hasControlCharacters(path)) return 'its path contains control characters';
  if (path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path))
    return `its path "${path}" is not relative to the repository`;
  const parts = path.split('/');
  if (parts.some((part) => part === '..')) return `its path "${path}" leaves the repository`;
  if (parts.some((part) => part === '' || part === '.'))
    return `its path "${path}" has empty or "." components`;
  if (parts.some((part) => part.toLowerCase() === '.git')) return `its path "${path}" names a .git folder`;
  return null;
}

/** Why an `update` setting is refused; undefined and `none` are fine (`none` skips the submodule). */
export function submoduleUpdateProblem(update: string | undefined): string | null {
  if (update === undefined) return null;
  if (update.startsWith('!')) return 'its update setting runs a command ("!..."), which Plumbline never does';
  if (!['checkout', 'rebase', 'merge', 'none'].includes(update))
    return `its update setting "${update}" is not one git knows`;
  return null;
}

export type SubmoduleUrl = { url: ParsedRepoUrl } | { problem: string };

/** The submodule's repository, or why its URL is refused, for a superproject at `parent`. */
export function submoduleUrl(raw: string, parent: ParsedRepoUrl): SubmoduleUrl {
  const written = raw.trim();
  if (written === '') return { problem: 'it has no URL' };
  if (written.startsWith('-')) return { problem: `its URL "${written}" starts with "-"` };
  if (hasControlCharacters(written)) return { problem: 'its URL contains control characters' };
  if (/^[a-z][a-z0-9+.-]*::/i.test(written) || written.includes('::'))
    return { problem: `its URL "${written}" names a remote helper ("<transport>::")` };
  const relative = written.startsWith('./') || written.startsWith('../');
  let resolved: string;
  try {
    resolved = relative ? resolveRelativeUrl(parent.fetchUrl, written) : written;
  } catch (error) {
    return { problem: `its URL "${written}": ${(error as Error).message}` };
  }
  let url: ParsedRepoUrl;
  try {
    url = parseRepoUrl(resolved);
  } catch (error) {
    return { problem: `its URL "${written}": ${(error as Error).message}` };
  }
  if (url.transport === 'file' && parent.transport !== 'file')
    return {
      problem: `its URL "${written}" is a local repository, and a remote repository's submodules may only be remote (https, ssh, git)`,
    };
  const host = hostOf(url);
  if (host?.startsWith('-')) return { problem: `its URL "${written}" names a host starting with "-"` };
  if (relative && url.transport !== 'file' && host !== hostOf(parent))
    return { problem: `its relative URL "${written}" climbs past the host of ${parent.display}` };
  return { url };
}

/**
 * Git's resolution of a relative submodule URL (submodule--helper's resolve_relative_url): each
 * `../` takes the last component off the superproject's URL (at `/`, else at `:` of `host:path`),
 * `./` takes nothing.
 */
export function resolveRelativeUrl(base: string, relative: string): string {
  let remote = base.replace(/\/+$/, '');
  let rest = relative;
  let colon = false;
  // `scheme://host` is never taken apart: climbing past it would name another host.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(remote)?.[0].length ?? 0;
  for (;;) {
    if (rest.startsWith('../')) {
      rest = rest.slice(3);
      if (authority > 0 && remote.length <= authority)
        throw new Error('climbs above the host of the superproject');
      const slash = remote.lastIndexOf('/');
      const lastColon = remote.lastIndexOf(':');
      if (slash > 0 && slash > lastColon) remote = remote.slice(0, slash);
      else if (lastColon > 0) {
        remote = remote.slice(0, lastColon);
        colon = true;
      } else throw new Error('climbs above the superproject URL');
    } else if (rest.startsWith('./')) rest = rest.slice(2);
    else break;
  }
  return `${remote}${colon ? ':' : '/'}${rest}`;
}

function hostOf(url: ParsedRepoUrl): string | undefined {
  if (url.transport === 'file') return undefined;
  try {
    const parsed = new URL(url.normalized);
    return `${parsed.username ? `${parsed.username}@` : ''}${parsed.host}`;
  } catch {
    return undefined;
  }
}
