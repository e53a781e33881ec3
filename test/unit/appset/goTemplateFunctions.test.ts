// The rewrite that gives helm Argo CD's normalize and slugify: calls and pipes become includes of
// named templates; strings, raw strings, fields, variables and comments that merely hold the
// names stay as written.
import { describe, expect, it } from 'vitest';
import { withArgoFunctions } from '../../../engine/appset/goTemplateFunctions.ts';

describe('withArgoFunctions', () => {
  it.each([
    ['{{ normalize .name }}', '{{ include "argocd.normalize" .name }}'],
    ['{{ .name | normalize }}', '{{ .name | include "argocd.normalize" }}'],
    ['{{- normalize .name -}}', '{{- include "argocd.normalize" .name -}}'],
    ['{{ slugify 20 false .b }}', '{{ include "argocd.slugify" (list 20 false .b) }}'],
    ['{{ slugify (normalize .x) }}', '{{ include "argocd.slugify" (include "argocd.normalize" .x ) }}'],
    [
      '{{ normalize (printf "%s|%s" .a .b) | upper }}',
      '{{ include "argocd.normalize" (printf "%s|%s" .a .b) | upper }}',
    ],
  ])('%s', (text, rewritten) => {
    expect(withArgoFunctions(text)).toBe(rewritten);
  });

  it('leaves the names alone where they are not calls', () => {
    const text =
      '{{ "normalize" }} {{ `slugify` }} {{ .normalize }} {{ $slugify }} {{/* normalize */}} normalize';
    expect(withArgoFunctions(text)).toBe(text);
  });

  it('refuses normalize with more than one argument, as Go would', () => {
    expect(() => withArgoFunctions('{{ normalize .a .b }}')).toThrow(
      /wrong number of args for normalize: want 1 got 2/,
    );
  });
});
