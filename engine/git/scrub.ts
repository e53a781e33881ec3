// Keeps credentials out of every text Plumbline shows, logs or stores: userinfo in URLs and the
// literal secrets of the operation that produced the text.

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@]+)@/gi;

/**
 * Removes credentials written into URLs. For http(s) the whole userinfo goes (a token is often
 * passed as the user name); other schemes keep the login name (`ssh://git@host`) and lose any
 * password.
 */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
    if (/^https?:\/\/$/i.test(scheme)) return `${scheme}***@`;
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

/** Replaces every occurrence of each secret (also percent-encoded, and each line of a key) with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    // A private key can surface line by line (e.g. in a parse error); its short header and
    // footer lines are not secret and would only garble the text.
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim());
  }
  // Longest first, so a secret containing another one is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return ordered.reduce((result, form) => result.split(form).join('***'), text);
}

export function scrub(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(scrubUrlCredentials(text), secrets);
}
