// The sync options the dialog offers, each with what it does in one line, and how the chosen
// ones become Argo CD's `Name=value` strings. Options the application itself sets are shown
// as already on.
export interface SyncOptionChoice {
  /** The Argo CD sync option this checkbox adds, as `Name=value`. */
  option: string;
  label: string;
  explanation: string;
}

export const SYNC_OPTION_CHOICES: readonly SyncOptionChoice[] = [
  {
    option: 'ApplyOutOfSyncOnly=true',
    label: 'Apply out of sync only',
    explanation: 'Skip objects that already match git; faster for large applications.',
  },
  {
    option: 'PruneLast=true',
    label: 'Prune last',
    explanation: 'Delete objects that left git only after every wave is applied and healthy.',
  },
  {
    option: 'CreateNamespace=true',
    label: 'Create namespace',
    explanation: 'Create the destination namespace first if it does not exist.',
  },
  {
    option: 'RespectIgnoreDifferences=true',
    label: 'Respect ignore differences',
    explanation: 'Keep the live values of the fields the application ignores in its diff.',
  },
  {
    option: 'Replace=true',
    label: 'Replace',
    explanation: 'Replace objects (or delete and create them) instead of applying changes.',
  },
  {
    option: 'ServerSideApply=false',
    label: 'Client-side apply',
    explanation: 'Apply the way kubectl apply does, instead of server-side apply.',
  },
  {
    option: 'Validate=false',
    label: 'Skip schema validation',
    explanation: 'Let the API server accept fields its schema does not know.',
  },
];

/** The `syncPolicy.syncOptions` of an Application definition; [] when it has none. */
export function definitionSyncOptions(definition: Record<string, unknown> | undefined): string[] {
  const spec = definition?.spec as { syncPolicy?: { syncOptions?: unknown } } | undefined;
  const options = spec?.syncPolicy?.syncOptions;
  return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [];
}

const normalise = (option: string) => option.replace(/\s+/g, '').toLowerCase();

export function setByApplication(option: string, appOptions: readonly string[]): boolean {
  return appOptions.some((own) => normalise(own) === normalise(option));
}

/** The options this sync adds on top of the application's own, in the dialog's order. */
export function chosenSyncOptions(chosen: ReadonlySet<string>, appOptions: readonly string[]): string[] {
  return SYNC_OPTION_CHOICES.map((choice) => choice.option).filter(
    (option) => chosen.has(option) && !setByApplication(option, appOptions),
  );
}
