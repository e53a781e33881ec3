// The safe YAML loader: every YAML text the engine reads goes through it (see load.ts).
export {
  activeYamlLimits,
  DEFAULT_YAML_LIMITS,
  setActiveYamlLimits,
  YAML_LIMIT_SETTINGS,
  YamlError,
  yamlLimitsOf,
  type YamlErrorReason,
  type YamlLimits,
} from './limits.ts';
export {
  documentValue,
  parseYamlDocuments,
  parseYamlValue,
  parseYamlValues,
  type ParsedYaml,
  type YamlParseOptions,
  type YamlWarning,
} from './load.ts';
export { decodeUtf8, readYamlFile, readYamlFileSync, type ReadYamlFileOptions } from './readYamlFile.ts';
export { checkValueDepth, valueDepth } from './valueDepth.ts';
