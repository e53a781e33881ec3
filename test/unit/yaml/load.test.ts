import { describe, expect, it } from 'vitest';
import {
  DEFAULT_YAML_LIMITS,
  parseYamlValue,
  parseYamlValues,
  valueDepth,
  YamlError,
  yamlLimitsOf,
} from '../../../engine/yaml/index.ts';
import { preScanYaml } from '../../../engine/yaml/preScan.ts';

function refusal(work: () => unknown): YamlError {
  try {
    work();
  } catch (error) {
    if (error instanceof YamlError) return error;
    throw error;
  }
  throw new Error('expected a YamlError');
}

const limits = (depth: number, documents = 100) => ({ depth, documents });

describe('preScanYaml', () => {
  it('counts block and flow nesting together', () => {
    expect(() => preScanYaml('a:\n  b: [1, {c: 2}]\n', 's', limits(4))).not.toThrow();
    expect(refusal(() => preScanYaml('a:\n  b: [1, {c: [3]}]\n', 's', limits(4))).limit).toBe('depth');
  });

  it('does not count brackets inside quotes, comments, block scalars or plain scalars', () => {
    const text = `a: "[[[[[["\nb: '{{{{{'\nc: x[[[[[\n# [[[[[[\nd: |\n  [[[[[[[\n  {{{{{{{\ne: 1\n`;
    expect(() => preScanYaml(text, 's', limits(2))).not.toThrow();
  });

  it('counts a compact nested sequence and a mapping after a dash', () => {
    expect(() => preScanYaml('- - - x\n', 's', limits(3))).not.toThrow();
    expect(refusal(() => preScanYaml('- - - - x\n', 's', limits(3))).line).toBe(1);
    expect(() => preScanYaml('- a: 1\n  b:\n  - c\n', 's', limits(3))).not.toThrow();
  });

  it('counts documents', () => {
    expect(refusal(() => preScanYaml('---\na: 1\n'.repeat(5), 's', limits(10, 3))).limit).toBe('documents');
  });
});

describe('the safe loader', () => {
  it('names the source, the limit and the setting in a refusal', () => {
    const error = refusal(() => parseYamlValue('['.repeat(200), { source: 'apps/x.yaml' }));
    expect(error.message).toMatch(/^apps\/x\.yaml: .*nesting depth of 100 \(setting limits\.yamlDepth\)$/);
    expect(error.reason).toBe('limit');
  });

  it('refuses a text over the size limit before parsing it', () => {
    const error = refusal(() =>
      parseYamlValues('a: 1\n'.repeat(30), {
        source: 's',
        limits: { ...DEFAULT_YAML_LIMITS, fileBytes: 100 },
      }),
    );
    expect(error.limit).toBe('fileBytes');
  });

  it('takes the last value of a repeated key and warns with both lines', () => {
    const { values, parsed } = parseYamlValues('a: 1\nb: 2\na: 3\n', { source: 's' });
    expect(values).toEqual([{ a: 3, b: 2 }]);
    expect(parsed.warnings.map((w) => w.line)).toEqual([3]);
    expect(parsed.warnings[0]?.message).toMatch(/"a" is given more than once \(lines 1 and 3\)/);
  });

  it('reads merge keys when asked, without calling them repeated', () => {
    const text = 'base: &b {x: 1}\nobj:\n  <<: *b\n  <<: {y: 2}\n';
    const { values, parsed } = parseYamlValues(text, { source: 's', merge: true });
    expect(values[0]).toMatchObject({ obj: { x: 1, y: 2 } });
    expect(parsed.warnings).toEqual([]);
  });

  it('checks the depth of values that aliases nest deeper than the text', () => {
    const chain = [
      'a0: &a0 [x]',
      ...Array.from({ length: 6 }, (_, i) => `a${i + 1}: &a${i + 1} [[*a${i}]]`),
    ].join('\n');
    const error = refusal(() =>
      parseYamlValues(chain, { source: 's', limits: { ...DEFAULT_YAML_LIMITS, depth: 8 } }),
    );
    expect(error.limit).toBe('depth');
  });

  it('keeps syntax errors as YamlError with their line', () => {
    const error = refusal(() => parseYamlValue('a: 1\nb: [\n', { source: 's' }));
    expect(error.reason).toBe('syntax');
    expect(error.line).toBe(3);
  });
});

describe('yamlLimitsOf and valueDepth', () => {
  it('takes valid settings and the defaults for the rest', () => {
    expect(yamlLimitsOf({ yamlDepth: 20, yamlFileBytes: -1, yamlDocuments: 'many' })).toEqual({
      ...DEFAULT_YAML_LIMITS,
      depth: 20,
    });
  });

  it('measures nesting without recursion, deep enough to overflow a recursive walk', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(valueDepth(deep)).toBe(200_000);
    expect(valueDepth(deep, 10)).toBe(11);
  });
});
