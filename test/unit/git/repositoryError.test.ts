import { describe, expect, it } from 'vitest';
import {
  classifyGitFailure,
  gitMessage,
  repositoryError,
  RepositoryError,
} from '../../../engine/git/repositoryError.ts';

describe('classifyGitFailure', () => {
  it.each([
    ["fatal: Authentication failed for 'http://127.0.0.1/app.git/'", 'auth'],
    ["fatal: could not read Username for 'https://host': terminal prompts disabled", 'auth'],
    ['git@host: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth'],
    ["fatal: unable to access 'https://host/app/': The requested URL returned error: 403", 'auth'],
    ["fatal: unable to access 'https://nohost/': Could not resolve host: nohost", 'unreachable'],
    [
      'ssh: connect to host h port 22: Connection refused\nfatal: Could not read from remote repository.',
      'unreachable',
    ],
    ["fatal: '/srv/x' does not appear to be a git repository", 'unreachable'],
    ['remote: Repository not found.', 'unreachable'],
    ['ssh: connect to host h port 22: Connection timed out', 'timeout'],
    ['block timeout reached', 'timeout'],
    [' ! [rejected]        abc -> main (fetch first)', 'rejected'],
    [' ! [remote rejected] main -> main (pre-receive hook declined)', 'rejected'],
    ["fatal: couldn't find remote ref refs/heads/nope", 'unknown-revision'],
    ['fatal: Not a valid object name abc', 'unknown-revision'],
    ['fatal: something else entirely', 'other'],
  ])('%j → %s', (message, kind) => {
    expect(classifyGitFailure(message)).toBe(kind);
  });
});

describe('gitMessage', () => {
  it('drops hints and progress, keeps the last state of a rewritten line and ssh lines ending in \\r', () => {
    const raw = [
      'Receiving objects:  50% (1/2)\rReceiving objects: 100% (2/2), done.',
      'ssh: connect to host h port 1: Connection refused\r',
      'hint: Updates were rejected because the remote contains work that you do',
      'fatal: the real reason',
      '',
    ].join('\n');
    expect(gitMessage(raw)).toBe('ssh: connect to host h port 1: Connection refused\nfatal: the real reason');
  });

  it('says so when git said nothing', () => {
    expect(gitMessage('\n\n')).toBe('git gave no message');
  });
});

describe('repositoryError', () => {
  it('joins operation and detail and scrubs both', () => {
    const error = repositoryError('auth', 'fetch https://u:pw@h/app', 'denied for pw-secret', ['pw-secret']);
    expect(error).toBeInstanceOf(RepositoryError);
    expect(error.toJSON()).toEqual({ kind: 'auth', message: 'fetch https://***@h/app: denied for ***' });
  });
});
