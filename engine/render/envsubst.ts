// The `${VAR}` substitution Argo CD applies to some kustomize options (images, common labels, and
// common annotations when `commonAnnotationsEnvsubst` is set). Only Argo CD's build environment is
// substituted — the ARGOCD_APP_* variables of the application being rendered — never a variable of
// Plumbline's own process: an unknown name becomes the empty string, and `$$` is a literal `$`.
// The scanner follows Go's os.Expand, which Argo CD uses, so odd spellings (`${}`, `$1`, `$-`)
// come out the same.

export interface BuildEnvInput {
  appName: string;
  destinationNamespace: string;
  projectName?: string;
  /** The commit rendered; empty for a chart from a Helm repository. */
  revision?: string;
  repoURL?: string;
  path?: string;
  targetRevision?: string;
}

/** Argo CD's build environment for one source (reposerver newEnv). */
export function argoBuildEnv(input: BuildEnvInput): Record<string, string> {
  const revision = input.revision ?? '';
  return {
    ARGOCD_APP_NAME: input.appName,
    ARGOCD_APP_NAMESPACE: input.destinationNamespace,
    ARGOCD_APP_PROJECT_NAME: input.projectName ?? '',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: input.repoURL ?? '',
    ARGOCD_APP_SOURCE_PATH: input.path ?? '',
    ARGOCD_APP_SOURCE_TARGET_REVISION: input.targetRevision ?? '',
  };
}

const SPECIAL = new Set([
  '*',
  '#',
  '$',
  '@',
  '!',
  '?',
  '-',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
]);
const isNameChar = (c: string) => /^[A-Za-z0-9_]$/.test(c);

/** The variable name after a `$` and how many characters it spans (Go's getShellName). */
function shellName(rest: string): [string, number] {
  if (rest[0] === '{') {
    if (rest.length > 2 && SPECIAL.has(rest[1] as string) && rest[2] === '}') return [rest[1] as string, 3];
    const close = rest.indexOf('}', 1);
    if (close === 1) return ['', 2]; // `${}`: eaten
    if (close < 0) return ['', 1]; // `${` without `}`: eaten
    return [rest.slice(1, close), close + 1];
  }
  if (SPECIAL.has(rest[0] as string)) return [rest[0] as string, 1];
  let end = 0;
  while (end < rest.length && isNameChar(rest[end] as string)) end += 1;
  return [rest.slice(0, end), end];
}

/** Go's os.Expand: `$NAME` and `${NAME}` replaced by lookup(NAME). */
export function goExpand(text: string, lookup: (name: string) => string): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (text[at] !== '$' || at + 1 >= text.length) continue;
    out += text.slice(from, at);
    const [name, width] = shellName(text.slice(at + 1));
    if (name === '' && width === 0) out += '$';
    else if (name !== '') out += lookup(name);
    at += width;
    from = at + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Argo CD's Env.Envsubst: only the given variables, `$$` kept as `$`. */
export function argoEnvsubst(text: string, env: Record<string, string>): string {
  return goExpand(text, (name) =>
    name === '$' ? '$' : Object.hasOwn(env, name) ? (env[name] as string) : '',
  );
}
