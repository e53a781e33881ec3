// Quantities are compared in the canonical form the API server stores (apimachinery's
// resource.Quantity canonicalisation).
import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from '../../../engine/diff/index.ts';

describe('canonicalQuantity', () => {
  it.each([
    ['0.5', '500m'],
    [0.5, '500m'],
    [1, '1'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.1', '100m'],
    ['100m', '100m'],
    ['1000', '1k'],
    ['2.5', '2500m'],
    ['0.0001', '100u'],
    ['1n', '1n'],
    ['0', '0'],
    ['-1', '-1'],
  ])('decimal %s is stored as %s', (input, stored) => {
    expect(canonicalQuantity(input)).toBe(stored);
  });

  it.each([
    ['1024Mi', '1Gi'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['2048Mi', '2Gi'],
    ['2000Mi', '2000Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['1.5Ki', '1536'],
    ['1Ki', '1Ki'],
  ])('binary %s is stored as %s', (input, stored) => {
    expect(canonicalQuantity(input)).toBe(stored);
  });

  it.each([
    ['1e3', '1e3'],
    ['12e6', '12e6'],
    ['1.5e3', '1500'],
  ])('exponent %s is stored as %s', (input, stored) => {
    expect(canonicalQuantity(input)).toBe(stored);
  });

  it('rounds finer than nano precision up, as Kubernetes does', () => {
    expect(canonicalQuantity('0.1n')).toBe('1n');
    expect(canonicalQuantity('1.0000000001')).toBe('1000000001n');
  });

  it.each(['abc', '1Gb', '', '1.2.3', 'Mi', null, true])('%s is not a quantity', (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });
});
