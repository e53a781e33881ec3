// The one builder of tool command lines: input after `--` or joined to its flag, and refused when
// a tool could read it as an option.
import { describe, expect, it } from 'vitest';
import { argumentProblem, ToolArgs, ToolArgumentError } from '../../../engine/tools/args.ts';

describe('ToolArgs', () => {
  it('joins option values to their flag and puts operands after --', () => {
    const args = new ToolArgs('template')
      .option('--namespace', 'prod', 'namespace')
      .flag('--include-crds')
      .operand('shop', 'release name')
      .operand('/repo/chart', 'chart folder');
    expect(args.build()).toEqual([
      'template',
      '--namespace=prod',
      '--include-crds',
      '--',
      'shop',
      '/repo/chart',
    ]);
  });

  it('has no -- when there is no operand', () => {
    expect(new ToolArgs('version').flag('--short').build()).toEqual(['version', '--short']);
  });

  it.each([
    ['--set-file=x=/etc/passwd', 'can not start with "-"'],
    ['--output-dir=/tmp/out', 'can not start with "-"'],
    ['-n', 'can not start with "-"'],
    ['a\0b', 'contains a NUL character'],
    ['a\nb', 'contains a line break'],
    ['a\rb', 'contains a line break'],
  ])('refuses the operand %j, naming it', (value, reason) => {
    expect(() => new ToolArgs('template').operand(value, 'helm release name')).toThrow(ToolArgumentError);
    expect(() => new ToolArgs('template').operand(value, 'helm release name')).toThrow(
      new RegExp(`^helm release name ".*" ${reason.replace(/[()"]/g, '.')}`),
    );
  });

  it('refuses option values that start with - too, and allows line breaks only where asked', () => {
    expect(() => new ToolArgs('x').option('--namespace', '-x', 'namespace')).toThrow(/namespace "-x"/);
    expect(() => new ToolArgs('x').option('--set', 'a=1\n2', 'parameter')).toThrow(/line break/);
    expect(new ToolArgs('x').option('--set', 'a=1\n2', 'parameter', { multiline: true }).build()).toEqual([
      'x',
      '--set=a=1\n2',
    ]);
    expect(() => new ToolArgs('x').option('--set', 'a=\0', 'parameter', { multiline: true })).toThrow(/NUL/);
  });

  it('shortens a very long value in the message', () => {
    const problem = argumentProblem(`-${'a'.repeat(10_000)}`, 'chart name') ?? '';
    expect(problem.length).toBeLessThan(400);
    expect(problem).toMatch(/^chart name "-a+…" can not start with "-"/);
  });

  it('accepts ordinary values', () => {
    expect(argumentProblem('shop-prod', 'namespace')).toBeNull();
    expect(argumentProblem('a=-1', 'parameter')).toBeNull();
  });
});
