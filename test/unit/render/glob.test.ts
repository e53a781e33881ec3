// Argo CD's include/exclude glob semantics (gobwas/glob without separators).
import { describe, expect, it } from 'vitest';
import { matchesArgoGlob } from '../../../engine/render/glob.ts';

describe('Argo CD globs', () => {
  it('lets * cross folder boundaries', () => {
    expect(matchesArgoGlob('*.yaml', 'a.yaml')).toBe(true);
    expect(matchesArgoGlob('*.yaml', 'sub/deep/a.yaml')).toBe(true);
    expect(matchesArgoGlob('sub/*', 'sub/deep/a.yaml')).toBe(true);
    expect(matchesArgoGlob('sub/*.json', 'other/a.json')).toBe(false);
  });

  it('expands {a,b} lists, ? and character classes', () => {
    expect(matchesArgoGlob('{config.json,deployment.yaml}', 'deployment.yaml')).toBe(true);
    expect(matchesArgoGlob('{config.json,deployment.yaml}', 'service.yaml')).toBe(false);
    expect(matchesArgoGlob('v?.yaml', 'v1.yaml')).toBe(true);
    expect(matchesArgoGlob('[ab].yaml', 'c.yaml')).toBe(false);
  });

  it('matches names starting with a dot and treats ! literally', () => {
    expect(matchesArgoGlob('*', '.hidden.yaml')).toBe(true);
    expect(matchesArgoGlob('!a.yaml', 'b.yaml')).toBe(false);
  });
});
