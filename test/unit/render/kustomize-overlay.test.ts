// The overlay that carries a source's kustomize options.
import { describe, expect, it } from 'vitest';
import {
  needsOverlay,
  overlayKustomization,
  parseKustomizeImage,
} from '../../../engine/render/kustomize-overlay.ts';

describe('kustomize images', () => {
  it.each([
    ['nginx:1.27', { name: 'nginx', newTag: '1.27' }],
    [
      'nginx=registry.local:5000/nginx:1.27',
      { name: 'nginx', newName: 'registry.local:5000/nginx', newTag: '1.27' },
    ],
    ['registry.local:5000/nginx', { name: 'registry.local:5000/nginx' }],
    ['alpine@sha256:24a0c4b4', { name: 'alpine', digest: 'sha256:24a0c4b4' }],
    ['mysql=mariadb', { name: 'mysql', newName: 'mariadb' }],
  ])('reads %s as kustomize edit set image does', (spec, image) => {
    expect(parseKustomizeImage(spec)).toEqual(image);
  });
});

describe('overlay kustomization', () => {
  it('is needed only for options that change the output', () => {
    expect(needsOverlay(undefined)).toBe(false);
    expect(needsOverlay({ images: [], commonLabels: {} })).toBe(false);
    expect(needsOverlay({ nameSuffix: '-x' })).toBe(true);
  });

  it('carries every supported option', () => {
    expect(
      overlayKustomization('../app', {
        namePrefix: 'p-',
        nameSuffix: '-s',
        namespace: 'ns',
        images: ['api=example/api:2'],
        replicas: [{ name: 'api', count: '3' }],
        commonLabels: { team: 'a' },
        commonAnnotations: { owner: 'b' },
      }),
    ).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['../app'],
      namePrefix: 'p-',
      nameSuffix: '-s',
      namespace: 'ns',
      images: [{ name: 'api', newName: 'example/api', newTag: '2' }],
      replicas: [{ name: 'api', count: 3 }],
      labels: [{ pairs: { team: 'a' }, includeSelectors: true }],
      commonAnnotations: { owner: 'b' },
    });
  });

  it('refuses options it cannot express and counts that are not integers', () => {
    expect(() => overlayKustomization('../app', { patches: [{ patch: 'x' }] })).toThrow(
      /patches .* not supported/,
    );
    expect(() => overlayKustomization('../app', { replicas: [{ name: 'api', count: 'three' }] })).toThrow(
      /expected integer value for count/,
    );
  });
});
