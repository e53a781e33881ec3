// Rendering Argo CD sources into desired Kubernetes objects: the public face of engine/render.
export { renderSource } from './render.ts';
export { renderSources, isRefOnly } from './multi-source.ts';
export type { MultiSourceResult, SourceCheckout } from './multi-source.ts';
export { RenderError } from './errors.ts';
export { isWellKnownClusterScoped } from './tracking.ts';
export { TRACKING_ANNOTATION } from '../diff/tracking.ts';
export { sourceTypeOf } from './source-type.ts';
export { parseYamlStream } from './manifests.ts';
export type * from './types.ts';
