// Argo CD-compatible types and schemas (argoproj.io/v1alpha1), read from users' YAML unchanged.
export * from './meta.ts';
export * from './duration.ts';
export * from './source.ts';
export * from './application.ts';
export * from './project.ts';
export * from './applicationset.ts';
export * from './conditions.ts';
