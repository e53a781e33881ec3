// Renders a template tree (an Application template, a generator spec, a values map, a patch
// text) once per parameter set, in either template mode: the default `{{param}}` substitution,
// or Go templates, all sets at once through one helm run.
import { replaceDeep, replaceTags } from './fasttemplate.ts';
import { renderGoTexts, templateTexts, type GoTemplateRunner } from './goTemplate.ts';
import type { Params } from './params.ts';

export type TreeRenderer = (tree: unknown, paramSets: readonly Params[]) => Promise<unknown[]>;

export const renderDefaultTrees: TreeRenderer = async (tree, paramSets) =>
  paramSets.map((params) => replaceDeep(tree, (text) => replaceTags(text, params)));

export function goTreeRenderer(runner: GoTemplateRunner): TreeRenderer {
  return async (tree, paramSets) => {
    const texts = [...templateTexts(tree)];
    const rendered = await renderGoTexts(texts, paramSets, runner);
    return paramSets.map((_, index) => {
      const byText = new Map(texts.map((text, t) => [text, rendered[index]![t]!]));
      return replaceDeep(tree, (text) => byText.get(text) ?? text);
    });
  };
}
