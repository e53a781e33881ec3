// Hostile YAML texts shared by the corpus files of the areas that read YAML.

/** The classic alias bomb: 9 levels of 9 aliases, 9^10 strings once expanded. */
export function billionLaughs(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

/** Mappings nested by indentation, one level a line. */
export function nestedBlockMappings(levels: number): string {
  return `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
}
