import { describe, expect, it } from 'vitest';
import { repoCredentials, repoCredentialsAccount } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';

describe('memorySecretStore', () => {
  it('gets, sets and deletes', async () => {
    const store = memorySecretStore({ a: '1' });
    expect(await store.get('a')).toBe('1');
    await store.set('b', '2');
    expect(await store.get('b')).toBe('2');
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeNull();
  });
});

describe('repoCredentials', () => {
  it('stores JSON under repo:<normalized url>, shared by spellings of one URL', async () => {
    const store = memorySecretStore();
    await repoCredentials(store, 'https://Git.Example.test/org/app.git').set({
      username: 'u',
      password: 'p',
    });
    expect(repoCredentialsAccount('https://git.example.test/org/app/')).toBe(
      'repo:https://git.example.test/org/app',
    );
    expect(await store.get('repo:https://git.example.test/org/app')).toBe('{"username":"u","password":"p"}');
    expect(await repoCredentials(store, 'https://git.example.test/org/app').get()).toEqual({
      username: 'u',
      password: 'p',
    });
    expect(await repoCredentials(store, 'https://git.example.test/org/app').delete()).toBe(true);
    expect(await repoCredentials(store, 'https://git.example.test/org/app').get()).toBeNull();
  });

  it('reports a damaged entry without quoting it', async () => {
    const store = memorySecretStore({ 'repo:https://h/app': '{"password": 42, "hint": "hunter2"}' });
    const entry = repoCredentials(store, 'https://h/app');
    await expect(entry.get()).rejects.toThrow(
      'secret store entry repo:https://h/app: unexpected shape at password',
    );
    await expect(entry.get()).rejects.not.toThrow('hunter2');
    await store.set(entry.account, 'hunter2 is not JSON');
    await expect(entry.get()).rejects.toThrow(/^secret store entry repo:https:\/\/h\/app: not valid JSON$/);
  });

  it('refuses to store empty fields', async () => {
    await expect(
      repoCredentials(memorySecretStore(), 'https://h/app').set({ password: '' }),
    ).rejects.toThrow();
  });
});
