// Argo CD's default known hosts seed a new data folder's ssh_known_hosts, once: a host the user
// removes stays removed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKnownHosts } from '../../../engine/repos/knownHosts.ts';
import { RepositoryIndex } from '../../../engine/repos/repositoryIndex.ts';

const freshIndex = () => new RepositoryIndex(mkdtempSync(join(tmpdir(), 'plumbline-known-hosts-')));

describe('the default known hosts', () => {
  it('are those Argo CD installs, every line a valid host key', async () => {
    const hosts = parseKnownHosts(await freshIndex().readKnownHosts());
    const names = new Set(hosts.flatMap((host) => host.hosts.split(',')));
    for (const name of [
      'github.com',
      'gitlab.com',
      'bitbucket.org',
      'ssh.dev.azure.com',
      '[ssh.github.com]:443',
    ])
      expect(names).toContain(name);
    expect(hosts).toHaveLength(14);
  });

  it('are written to the file ssh reads the first time it is asked for', async () => {
    const index = freshIndex();
    const file = await index.knownHostsFile();
    expect(readFileSync(file, 'utf8')).toBe(await index.readKnownHosts());
    expect(readFileSync(file, 'utf8')).toMatch(/^github\.com ssh-ed25519 /m);
  });

  it('do not come back once the user has changed the file', async () => {
    const index = freshIndex();
    await index.writeKnownHosts('');
    expect(await index.readKnownHosts()).toBe('');
    expect(readFileSync(await index.knownHostsFile(), 'utf8')).toBe('');
  });
});
