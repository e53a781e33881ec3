// The application form's fields, read from and written back into an Argo CD Application. Writing
// back starts from the loaded definition, so fields the form does not show are kept.
export type SourceType = 'directory' | 'kustomize' | 'helm';

export interface AppFormState {
  name: string;
  project: string;
  repoURL: string;
  targetRevision: string;
  path: string;
  chart: string;
  type: SourceType;
  recurse: boolean;
  include: string;
  exclude: string;
  namePrefix: string;
  nameSuffix: string;
  images: string;
  releaseName: string;
  valueFiles: string;
  values: string;
  destinationName: string;
  destinationNamespace: string;
  autoSync: boolean;
  prune: boolean;
  selfHeal: boolean;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value && typeof value === 'object' ? (value as Obj) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function emptyForm(): AppFormState {
  return {
    name: '',
    project: 'default',
    repoURL: '',
    targetRevision: 'HEAD',
    path: '',
    chart: '',
    type: 'directory',
    recurse: false,
    include: '',
    exclude: '',
    namePrefix: '',
    nameSuffix: '',
    images: '',
    releaseName: '',
    valueFiles: '',
    values: '',
    destinationName: '',
    destinationNamespace: 'default',
    autoSync: false,
    prune: false,
    selfHeal: false,
  };
}

export function formFromDefinition(definition: Obj): AppFormState {
  const spec = obj(definition.spec);
  const source = obj(spec.source ?? (Array.isArray(spec.sources) ? spec.sources[0] : undefined));
  const directory = obj(source.directory);
  const kustomize = obj(source.kustomize);
  const helm = obj(source.helm);
  const destination = obj(spec.destination);
  const automated = obj(obj(spec.syncPolicy).automated);
  const type: SourceType =
    source.helm || source.chart ? 'helm' : source.kustomize ? 'kustomize' : 'directory';
  return {
    ...emptyForm(),
    name: str(obj(definition.metadata).name),
    project: str(spec.project) || 'default',
    repoURL: str(source.repoURL),
    targetRevision: str(source.targetRevision) || 'HEAD',
    path: str(source.path),
    chart: str(source.chart),
    type,
    recurse: directory.recurse === true,
    include: str(directory.include),
    exclude: str(directory.exclude),
    namePrefix: str(kustomize.namePrefix),
    nameSuffix: str(kustomize.nameSuffix),
    images: Array.isArray(kustomize.images) ? kustomize.images.join('\n') : '',
    releaseName: str(helm.releaseName),
    valueFiles: Array.isArray(helm.valueFiles) ? helm.valueFiles.join('\n') : '',
    values: str(helm.values),
    destinationName: str(destination.name) || str(destination.server),
    destinationNamespace: str(destination.namespace),
    autoSync: Boolean(obj(spec.syncPolicy).automated),
    prune: automated.prune === true,
    selfHeal: automated.selfHeal === true,
  };
}

/** Sets or removes a key: empty values do not clutter the YAML. */
function put(target: Obj, key: string, value: unknown): void {
  const empty =
    value === '' ||
    value === false ||
    value === undefined ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  if (empty) delete target[key];
  else target[key] = value;
}

function typeBlock(state: AppFormState, previous: Obj): Obj {
  const block = { ...previous };
  if (state.type === 'directory') {
    put(block, 'recurse', state.recurse);
    put(block, 'include', state.include.trim());
    put(block, 'exclude', state.exclude.trim());
  } else if (state.type === 'kustomize') {
    put(block, 'namePrefix', state.namePrefix.trim());
    put(block, 'nameSuffix', state.nameSuffix.trim());
    put(block, 'images', lines(state.images));
  } else {
    put(block, 'releaseName', state.releaseName.trim());
    put(block, 'valueFiles', lines(state.valueFiles));
    put(block, 'values', state.values);
  }
  return block;
}

export function definitionFromForm(state: AppFormState, base: Obj = {}): Obj {
  const spec = { ...obj(base.spec) };
  const previousSource = obj(spec.source ?? (Array.isArray(spec.sources) ? spec.sources[0] : undefined));
  const source: Obj = { ...previousSource };
  put(source, 'repoURL', state.repoURL.trim());
  put(source, 'targetRevision', state.targetRevision.trim() || 'HEAD');
  put(source, 'path', state.type === 'helm' && state.chart ? '' : state.path.trim());
  put(source, 'chart', state.type === 'helm' ? state.chart.trim() : '');
  for (const other of ['directory', 'kustomize', 'helm'] as const)
    if (other !== state.type) delete source[other];
  put(source, state.type, typeBlock(state, obj(previousSource[state.type])));
  if (Array.isArray(spec.sources)) spec.sources = [source, ...spec.sources.slice(1)];
  else spec.source = source;

  spec.project = state.project.trim() || 'default';
  const destination: Obj = { ...obj(spec.destination) };
  const target = state.destinationName.trim();
  delete destination.name;
  delete destination.server;
  put(destination, /^https?:\/\//.test(target) ? 'server' : 'name', target);
  put(destination, 'namespace', state.destinationNamespace.trim());
  spec.destination = destination;

  const syncPolicy: Obj = { ...obj(spec.syncPolicy) };
  put(
    syncPolicy,
    'automated',
    state.autoSync
      ? { ...obj(syncPolicy.automated), prune: state.prune, selfHeal: state.selfHeal }
      : undefined,
  );
  put(spec, 'syncPolicy', syncPolicy);

  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    ...base,
    metadata: { ...obj(base.metadata), name: state.name.trim() },
    spec,
  };
}
