// Which stored credentials a repository URL gets: its own entry first, else the credential
// template (Argo CD's repo-creds) whose URL is the longest prefix of it.
import { describe, expect, it } from 'vitest';
import {
  findRepoCredentials,
  longestPrefix,
  repoCredentials,
  repoCredsTemplate,
} from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';

describe('findRepoCredentials', () => {
  it('prefers the repository entry, else the longest matching template, else null', async () => {
    const store = memorySecretStore();
    await repoCredsTemplate(store, 'https://git.example.test/').set({ username: 'host', password: 'h' });
    await repoCredsTemplate(store, 'https://git.example.test/Team').set({ username: 'team', password: 't' });
    await repoCredentials(store, 'https://git.example.test/team/own.git').set({
      username: 'own',
      password: 'o',
    });

    expect(await findRepoCredentials(store, 'https://git.example.test/team/own')).toMatchObject({
      username: 'own',
    });
    expect(await findRepoCredentials(store, 'https://GIT.example.test/team/app.git')).toMatchObject({
      username: 'team',
    });
    expect(await findRepoCredentials(store, 'https://git.example.test/other/app')).toMatchObject({
      username: 'host',
    });
    expect(await findRepoCredentials(store, 'https://elsewhere.test/team/app')).toBeNull();
  });

  it('matches ssh templates written scp-style, and OCI registries without a scheme', async () => {
    const store = memorySecretStore();
    await repoCredsTemplate(store, 'git@git.example.test:org').set({ sshPrivateKey: 'KEY' });
    await repoCredsTemplate(store, 'registry.example.test/charts').set({ username: 'r', password: 'p' });
    expect(await findRepoCredentials(store, 'ssh://git@git.example.test/org/app.git')).toEqual({
      sshPrivateKey: 'KEY',
    });
    expect(await findRepoCredentials(store, 'git@git.example.test:org/app')).toEqual({
      sshPrivateKey: 'KEY',
    });
    expect(await findRepoCredentials(store, 'registry.example.test/charts/nginx')).toMatchObject({
      username: 'r',
    });
    expect(await findRepoCredentials(store, 'ssh://other@git.example.test/org/app')).toBeNull();
  });

  it('forgets a removed template', async () => {
    const store = memorySecretStore();
    const template = repoCredsTemplate(store, 'https://git.example.test/org');
    await template.set({ password: 'x' });
    expect(await template.delete()).toBe(true);
    expect(await findRepoCredentials(store, 'https://git.example.test/org/app')).toBeNull();
    expect(await store.get('repo-creds:templates')).toBe('{"templateUrls":[]}');
  });

  it('picks the longest of several prefixes whatever their order', () => {
    expect(longestPrefix(['https://h/a', 'https://h/a/b', 'https://h'], 'https://h/a/b/c')).toBe(
      'https://h/a/b',
    );
    expect(longestPrefix(['https://h/a/b', 'https://h'], 'https://h/x')).toBe('https://h');
    expect(longestPrefix([], 'https://h/x')).toBeNull();
  });
});
