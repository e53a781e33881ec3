import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Application } from '../../../engine/model/index.ts';
import { newDocumentText, removeDocument, replaceDocument } from '../../../engine/workspace/edit-document.ts';
import { parseFile } from '../../../engine/workspace/documents.ts';

const twoApps = `# Team web's applications.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook   # the public one
  annotations:
    team: web
spec:
  project: default
  source:
    repoURL: https://example.test/org/gitops.git
    # follow the main branch
    targetRevision: "main"
    path: guestbook
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
  syncPolicy:
    syncOptions:
    - CreateNamespace=true
    - PruneLast=true
  futureField: &anchor
    kept: verbatim
---
# The second one, left alone.
apiVersion:   argoproj.io/v1alpha1
kind: Application
metadata: {name: api}
spec: {project: default, source: {repoURL: 'x', path: api}, destination: {name: in-cluster}}
`;

function edit(text: string, index: number, change: (app: Application) => void): string {
  const value = parse(text.split(/^---$/m)[index]!) as Application;
  change(value);
  return replaceDocument(parseFile(text), index, value);
}

describe('replaceDocument', () => {
  it('changes only what changed: comments, quoting, unknown fields and sequence style stay', () => {
    const out = edit(twoApps, 0, (app) => {
      app.spec.source!.targetRevision = 'v2';
      app.spec.destination.namespace = 'guestbook-v2';
    });
    const expected = twoApps
      .replace('targetRevision: "main"', 'targetRevision: "v2"')
      .replace('namespace: guestbook\n', 'namespace: guestbook-v2\n')
      .replace('guestbook   # the public one', 'guestbook # the public one');
    expect(out).toBe(expected);
  });

  it('adds, removes and retypes fields', () => {
    const out = edit(twoApps, 0, (app) => {
      delete app.metadata.annotations;
      app.spec.syncPolicy!.syncOptions!.push('ServerSideApply=true');
      app.spec.syncPolicy!.automated = { prune: true };
      // A number where a string was: the node must be replaced, not re-quoted.
      (app.spec.source as Record<string, unknown>).targetRevision = 3;
    });
    const value = parse(out.split(/^---$/m)[0]!);
    expect(value.metadata).toEqual({ name: 'guestbook' });
    expect(value.spec.syncPolicy.syncOptions).toEqual([
      'CreateNamespace=true',
      'PruneLast=true',
      'ServerSideApply=true',
    ]);
    expect(value.spec.syncPolicy.automated).toEqual({ prune: true });
    expect(value.spec.source.targetRevision).toBe(3);
    expect(out).toContain('# follow the main branch');
    expect(out).toContain('    - PruneLast=true\n    - ServerSideApply=true\n');
    expect(out.endsWith(twoApps.slice(twoApps.indexOf('---')))).toBe(true);
  });

  it('leaves the other documents byte for byte', () => {
    const out = edit(twoApps, 1, (app) => {
      app.spec.source!.path = 'api-v2';
    });
    expect(out.startsWith(twoApps.slice(0, twoApps.indexOf('---')))).toBe(true);
    expect(out).toContain('# The second one, left alone.\n');
    expect(parse(out.slice(out.indexOf('---'))).spec.source.path).toBe('api-v2');
  });

  it('indents sequences the way the document already does', () => {
    const indented = twoApps.replace(
      '    - CreateNamespace=true\n    - PruneLast=true',
      '      - CreateNamespace=true\n      - PruneLast=true',
    );
    const out = edit(indented, 0, (app) => {
      app.spec.project = 'web';
    });
    expect(out).toContain('      - CreateNamespace=true\n      - PruneLast=true\n');
  });
});

describe('removeDocument', () => {
  it('removes one document and keeps the rest as written', () => {
    expect(removeDocument(parseFile(twoApps), 1)).toBe(twoApps.slice(0, twoApps.indexOf('---')));
    const rest = removeDocument(parseFile(twoApps), 0);
    expect(rest).toBe(twoApps.slice(twoApps.indexOf('---')));
    expect(parse(rest).metadata.name).toBe('api');
  });

  it('leaves nothing when the last document goes', () => {
    expect(removeDocument(parseFile(removeDocument(parseFile(twoApps), 1)), 0)).toBe('');
  });
});

describe('newDocumentText', () => {
  it('writes a plain object as block YAML without folding long lines', () => {
    const long = `https://example.test/${'a'.repeat(120)}.git`;
    const text = newDocumentText({ kind: 'Application', spec: { source: { repoURL: long }, list: ['a'] } });
    expect(text).toBe(`kind: Application\nspec:\n  source:\n    repoURL: ${long}\n  list:\n    - a\n`);
  });
});

describe('replaceDocument with keys that are not text in YAML', () => {
  it('matches numeric keys to their text in the value instead of duplicating them', () => {
    const text = 'codes:\n  200: ok # fine\n  404: missing\n';
    const out = replaceDocument(parseFile(text), 0, { codes: { '200': 'good' } });
    expect(out).toBe('codes:\n  200: good # fine\n');
  });
});
