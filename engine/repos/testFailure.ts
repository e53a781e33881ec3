// What went wrong when a repository was tried, in one word the UI can act on, read from the
// tool's own message (git, ssh, curl, Node's TLS): the order matters, as an ssh host key failure
// ends with "could not read from remote repository" and a TLS failure with "unable to access".
export const repoTestProblems = [
  'host-key',
  'tls',
  'auth',
  'not-found',
  'timeout',
  'unreachable',
  'other',
] as const;
export type RepoTestProblem = (typeof repoTestProblems)[number];

const patterns: ReadonlyArray<readonly [RepoTestProblem, RegExp]> = [
  [
    'host-key',
    /host key verification failed|remote host identification has changed|no \S+ host key is known|host key for .* has changed|offending \S+ key/i,
  ],
  [
    'tls',
    /ssl certificate problem|certificate verify failed|server certificate verification failed|self[- ]signed certificate|unable to (get|verify) (the first|local issuer) certificate|unable to verify the first certificate|cert_|certificate has expired|hostname\/ip does not match|ssl_connect|tls handshake|alert (bad|unknown) certificate|wrong version number/i,
  ],
  ['timeout', /timed out|timeout|operation too slow|no answer within/i],
  [
    'auth',
    /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \(|access denied|returned error: 40[13]|invalid username or password|bad credentials|\b40[13]\b|refused the app's token|load key .*: (invalid format|error in libcrypto)|not a pem private key/i,
  ],
  [
    'not-found',
    /repository not found|returned error: 404|does not appear to be a git repository|\b404\b|no such installation|not found/i,
  ],
  [
    'unreachable',
    /could not resolve|connection refused|failed to connect|couldn't connect|no route to host|network is unreachable|econnrefused|enotfound|econnreset|ehostunreach|name or service not known|connection reset|connection closed|unable to access|could not read from remote repository/i,
  ],
];

export function classifyRepoProblem(message: string): RepoTestProblem {
  return patterns.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

/** A sentence for each problem, said before the tool's own words. */
export const problemAdvice: Record<RepoTestProblem, string> = {
  'host-key':
    "the server's ssh host key is unknown or changed: add its key to the known hosts (plumbline repo known-hosts add)",
  tls: "the server's certificate is not trusted: add the CA that signed it for this host (plumbline repo cert add)",
  auth: 'the server refused the credentials',
  'not-found': 'the server has no such repository',
  timeout: 'the server did not answer in time',
  unreachable: 'the server could not be reached',
  other: 'the repository could not be read',
};
