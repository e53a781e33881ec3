// A definition edited through the contract comes back with its credentials scrubbed; saving it
// puts the stored originals back where the value is still the scrubbed one, and takes every
// value the user changed as written.
import { describe, expect, it } from 'vitest';
import { keepScrubbedCredentials } from '../../../engine/controller/keptCredentials.ts';

const stored = {
  spec: {
    sources: [
      { repoURL: 'https://dev:kept-pass-1@git.example.test/a.git', path: 'a' },
      { repoURL: 'https://git.example.test/b.git', path: 'b' },
    ],
  },
};

describe('keepScrubbedCredentials', () => {
  it('restores a URL still in its scrubbed form', () => {
    const edited = {
      spec: {
        sources: [
          { repoURL: 'https://***@git.example.test/a.git', path: 'a2' },
          { repoURL: 'https://git.example.test/b.git', path: 'b' },
        ],
      },
    };
    expect(keepScrubbedCredentials(edited, stored)).toEqual({
      spec: {
        sources: [
          { repoURL: 'https://dev:kept-pass-1@git.example.test/a.git', path: 'a2' },
          { repoURL: 'https://git.example.test/b.git', path: 'b' },
        ],
      },
    });
  });

  it('takes a URL whose userinfo the user removed or changed as written', () => {
    const edited = {
      spec: {
        sources: [
          { repoURL: 'https://git.example.test/a.git', path: 'a' },
          { repoURL: 'https://other:new-pass@git.example.test/b.git', path: 'b' },
        ],
      },
    };
    expect(keepScrubbedCredentials(edited, stored)).toEqual(edited);
  });
});
