// The git settings a checkout step sets on its own command line instead of trusting git's
// defaults or anyone's config (git already runs without system or global config: gitSession.ts).
// A submodule's fetch may use only the transports Plumbline allows it (submoduleConfig.ts), no
// hook ever runs, and nothing recurses into submodules behind Plumbline's back: Plumbline never
// runs `git submodule`, so no `submodule.<name>.update = !command` can run either.

/** Hooks off, no recursion into submodules, no submodule update commands. */
export const CHECKOUT_PROTECTIONS: readonly string[] = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'submodule.recurse=false',
  '-c',
  'fetch.recurseSubmodules=false',
];

const NETWORK_PROTOCOLS = ['https', 'http', 'ssh', 'git'];

/**
 * The protocols a fetch may use: the network ones, and the local `file` one only when
 * `localAllowed` (the superproject is itself a local repository). `ext::`, `fd::` and every
 * other remote helper stay off.
 */
export function allowedProtocols(localAllowed: boolean): string[] {
  return [
    ...CHECKOUT_PROTECTIONS,
    '-c',
    'protocol.allow=never',
    ...NETWORK_PROTOCOLS.flatMap((protocol) => ['-c', `protocol.${protocol}.allow=always`]),
    '-c',
    `protocol.file.allow=${localAllowed ? 'always' : 'never'}`,
    '-c',
    'protocol.ext.allow=never',
    '-c',
    'protocol.fd.allow=never',
  ];
}
