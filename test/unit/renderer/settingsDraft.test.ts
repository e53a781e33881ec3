import { describe, expect, it } from 'vitest';
import { changeOf, draftOf } from '../../../renderer/src/views/settings/settingsDraft.ts';

const settings = {
  workspace: null,
  healthCustomizations: '/etc/health',
  tools: { helm: null, kubectl: '/usr/bin/kubectl', kustomize: null },
  operationLeaseNamespace: null,
  inClusterDestination: null,
  allowedScmProviders: [],
  reconciliation: { periodSeconds: 180, jitterSeconds: 60 },
  gitAuthor: { name: 'Ada', email: null },
};

describe('the Settings form', () => {
  it('turns the settings into fields and back', () => {
    expect(changeOf(draftOf(settings))).toEqual({ settings });
  });

  it('unsets a setting whose field is emptied', () => {
    const change = changeOf({ ...draftOf(settings), healthCustomizations: '  ', authorName: '' });
    expect(change).toMatchObject({ settings: { healthCustomizations: null, gitAuthor: { name: null } } });
  });

  it('wants whole seconds for the reconciliation', () => {
    expect(changeOf({ ...draftOf(settings), periodSeconds: '2.5' })).toEqual({
      problem: 'the reconciliation period is a whole number of seconds (0 or more)',
    });
    expect(changeOf({ ...draftOf(settings), jitterSeconds: '' })).toEqual({
      problem: 'the jitter is a whole number of seconds (0 or more)',
    });
    expect(changeOf({ ...draftOf(settings), periodSeconds: '0' })).toMatchObject({
      settings: { reconciliation: { periodSeconds: 0 } },
    });
  });

  it('edits the render setting: limits above 0, the remote inputs on or off', () => {
    const render = {
      maxOutputMegabytes: 10,
      maxObjects: 20000,
      maxToolMemoryMegabytes: 2048,
      allowRemoteKustomizeBases: false,
      allowRemoteSchemaRefs: false,
    };
    const draft = draftOf({ ...settings, render });
    expect(changeOf(draft)).toEqual({ settings: { ...settings, render } });
    const on = {
      ...draft,
      render: { ...draft.render!, allowRemoteKustomizeBases: true, maxOutputMegabytes: '0.5' },
    };
    expect(changeOf(on)).toMatchObject({
      settings: { render: { allowRemoteKustomizeBases: true, maxOutputMegabytes: 0.5 } },
    });
    expect(changeOf({ ...draft, render: { ...draft.render!, maxObjects: '1.5' } })).toEqual({
      problem: 'the render object limit is a whole number above 0',
    });
    expect(changeOf({ ...draft, render: { ...draft.render!, maxOutputMegabytes: '0' } })).toEqual({
      problem: 'the render output limit is a number above 0',
    });
  });
});

describe('the allowed SCM APIs field', () => {
  it('takes one URL a line, blank lines dropped, and refuses what is not http(s)', () => {
    const draft = {
      ...draftOf(settings),
      scmApis: 'https://gitea.example.test\n\n  http://127.0.0.1:3000 \n',
    };
    expect(changeOf(draft)).toMatchObject({
      settings: { allowedScmProviders: ['https://gitea.example.test', 'http://127.0.0.1:3000'] },
    });
    expect(changeOf({ ...draft, scmApis: 'file:///etc/passwd' })).toEqual({
      problem: 'file:///etc/passwd is not an http or https URL',
    });
  });
});
