// The kustomization edits Argo CD makes for a source's kustomize options, and its `${VAR}`
// substitution, checked against kustomize's and Go's own rules (edit set image's parsing,
// image.Split, os.Expand).
import { describe, expect, it } from 'vitest';
import { argoBuildEnv, argoEnvsubst, goExpand } from '../../../engine/render/envsubst.ts';
import {
  editKustomization,
  editsKustomization,
  parseImageArgument,
  splitImage,
  typedPatch,
} from '../../../engine/render/kustomize-edit.ts';

const env = argoBuildEnv({
  appName: 'shop',
  destinationNamespace: 'prod',
  projectName: 'retail',
  revision: '0123456789abcdef',
  repoURL: 'https://git.example.test/shop.git',
  path: 'app',
  targetRevision: 'main',
});
const edit = (doc: Record<string, unknown>, options: Parameters<typeof editKustomization>[1]['options']) =>
  editKustomization(doc, { options, env, components: [], fileName: 'kustomization.yaml' });

describe('Argo CD build environment and envsubst', () => {
  it('has the ARGOCD_APP_* variables of reposerver newEnv', () => {
    expect(env).toEqual({
      ARGOCD_APP_NAME: 'shop',
      ARGOCD_APP_NAMESPACE: 'prod',
      ARGOCD_APP_PROJECT_NAME: 'retail',
      ARGOCD_APP_REVISION: '0123456789abcdef',
      ARGOCD_APP_REVISION_SHORT: '0123456',
      ARGOCD_APP_REVISION_SHORT_8: '01234567',
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.test/shop.git',
      ARGOCD_APP_SOURCE_PATH: 'app',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
    });
  });

  it.each([
    ['${ARGOCD_APP_NAME}-$ARGOCD_APP_NAMESPACE', 'shop-prod'],
    ['$HOME/${PATH}/$USER', '//'],
    ['$$ARGOCD_APP_NAME', '$ARGOCD_APP_NAME'],
    ['a${}b', 'ab'],
    ['a${b', 'ab'],
    ['cost: 5$', 'cost: 5$'],
    ['$1x $-y ${*}', 'x y '],
    ['x$.y', 'x$.y'],
  ])('%s → %s', (text, expected) => {
    expect(argoEnvsubst(text, env)).toBe(expected);
  });

  it('never reads the process environment', () => {
    process.env.PLUMBLINE_TEST_SECRET = 'leaked';
    expect(argoEnvsubst('${PLUMBLINE_TEST_SECRET}', env)).toBe('');
    delete process.env.PLUMBLINE_TEST_SECRET;
    expect(goExpand('${A}$B', (name) => name.toLowerCase())).toBe('ab');
  });
});

describe('kustomize edit set image', () => {
  it.each([
    ['nginx:1.27', { name: 'nginx', tag: '1.27', digest: '' }],
    ['registry.local:5000/nginx', { name: 'registry.local:5000/nginx', tag: '', digest: '' }],
    ['registry.local:5000/nginx:1', { name: 'registry.local:5000/nginx', tag: '1', digest: '' }],
    ['alpine@sha256:abc', { name: 'alpine', tag: '', digest: 'sha256:abc' }],
    ['a/b:1@sha256:abc', { name: 'a/b', tag: '1', digest: 'sha256:abc' }],
  ])('splits %s as kustomize image.Split does', (image, parts) => {
    expect(splitImage(image)).toEqual(parts);
  });

  it.each([
    ['nginx:1.27', { name: 'nginx', newName: '', newTag: '1.27', digest: '' }],
    ['mysql=mariadb', { name: 'mysql', newName: 'mariadb', newTag: '', digest: '' }],
    ['x=y:1@sha256:d', { name: 'x', newName: 'y', newTag: '1', digest: 'sha256:d' }],
    ['nginx=*:2', { name: 'nginx', newName: '*', newTag: '2', digest: '' }],
  ])('reads %s', (argument, image) => {
    expect(parseImageArgument(argument)).toEqual(image);
  });

  it('refuses an argument that sets nothing', () => {
    expect(() => parseImageArgument('nginx')).toThrow(/kustomize\.images: "nginx" sets nothing/);
  });

  it('replaces entries by name (imageTags included), keeps others, sorts by name', () => {
    const doc = {
      images: [
        { name: 'redis', newTag: '7' },
        { name: 'nginx', newName: 'mirror/nginx', newTag: '1', digest: 'sha256:x' },
      ],
      imageTags: [{ name: 'busybox', newTag: '1' }],
    };
    expect(edit(doc, { images: ['nginx=*:2', 'busybox:2', 'alpine:3'] }).images).toEqual([
      { name: 'alpine', newTag: '3' },
      { name: 'busybox', newTag: '2' },
      { name: 'nginx', newName: 'mirror/nginx', newTag: '2' },
      { name: 'redis', newTag: '7' },
    ]);
    expect(doc.images).toHaveLength(2); // the input is not changed
  });
});

describe('kustomization edits', () => {
  it('replace fields written in any letter case (Go reads them case-insensitively)', () => {
    expect(edit({ NamePrefix: 'old-', resources: ['a.yaml'] }, { namePrefix: 'new-' })).toEqual({
      resources: ['a.yaml'],
      namePrefix: 'new-',
    });
  });

  it('set replicas by name, sorted, keeping the others', () => {
    const doc = {
      replicas: [
        { name: 'web', count: 1 },
        { name: 'api', count: 2 },
      ],
    };
    expect(edit(doc, { replicas: [{ name: 'web', count: '+3' }] }).replicas).toEqual([
      { name: 'api', count: 2 },
      { name: 'web', count: 3 },
    ]);
  });

  it('split label arguments at the first colon and take one pair of quotes off, as kustomize does', () => {
    expect(edit({}, { commonLabels: { a: '"quoted"', 'b:c': 'd' } }).commonLabels).toEqual({
      a: 'quoted',
      b: 'c:d',
    });
  });

  it('refuse arguments kustomize edit would read as flags', () => {
    expect(() => edit({}, { commonLabels: { '-f': 'x' } })).toThrow(
      /kustomize\.commonLabels: "-f:x" starts with "-"/,
    );
    expect(() => edit({}, { images: ['--help=x:1'] })).toThrow(/kustomize\.images/);
    expect(() => edit({}, { replicas: [{ name: '-web', count: 1 }] })).toThrow(/kustomize\.replicas/);
  });

  it("append patches as Argo CD's typed KustomizePatch writes them", () => {
    const doc = { patches: [{ path: 'own.yaml' }] };
    const patch = {
      patch: 'x',
      target: { kind: 'Deployment', name: '', extra: 'dropped' },
      options: {},
      unknown: 1,
    };
    expect(edit(doc, { patches: [patch] }).patches).toEqual([
      { path: 'own.yaml' },
      { patch: 'x', target: { kind: 'Deployment' } },
    ]);
    expect(() => edit({ patches: 'not a list' }, { patches: [{ patch: 'x' }] })).toThrow(
      /patches field is not a list/,
    );
    expect(() => typedPatch('string', 0)).toThrow(/kustomize\.patches\[0\]: is not a mapping/);
  });

  it('add components once, never the kustomization file itself', () => {
    const next = editKustomization(
      { components: ['../a'] },
      {
        options: {},
        env,
        components: ['../a', '../b', 'kustomization.yaml'],
        fileName: 'kustomization.yaml',
      },
    );
    expect(next.components).toEqual(['../a', '../b']);
  });

  it('are needed only for options that edit', () => {
    expect(editsKustomization(undefined)).toBe(false);
    expect(editsKustomization({ version: 'v5', kubeVersion: '1.30', images: [], commonLabels: {} })).toBe(
      false,
    );
    expect(editsKustomization({ patches: [{ patch: 'x' }] })).toBe(true);
    expect(editsKustomization({ components: ['../c'] })).toBe(true);
  });
});
