// Config management plugins (Argo CD's CMP sidecar plugins) run locally: the public face of
// engine/render/plugin. Not to be confused with engine/appset's plugin generator.
export { PluginRender } from './pluginRender.ts';
export { loadPlugins, parsePluginDefinition, type ConfigManagementPlugin } from './definition.ts';
export {
  escapedParamName,
  parameterEnvironment,
  pluginEnvironment,
  pluginKubeVersion,
} from './environment.ts';
