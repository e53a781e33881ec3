// Argo CD's `directory.include` / `exclude` patterns. Argo CD matches them with gobwas/glob and no
// separators, so `*` also crosses `/` (`*.yaml` matches `sub/a.yaml`) and `{a.yaml,b.yaml}` lists
// alternatives. minimatch gives the same answers once `/` is taken out of both sides.
import { minimatch } from 'minimatch';

// A character that never occurs in a path, standing in for `/` so minimatch sees one segment.
const SLASH_STAND_IN = '\u0000';

export function matchesArgoGlob(pattern: string, relPath: string): boolean {
  const text = relPath.split('\\').join('/').split('/').join(SLASH_STAND_IN);
  const glob = pattern.split('/').join(SLASH_STAND_IN);
  return minimatch(text, glob, { dot: true, nonegate: true, nocomment: true, noext: true });
}
