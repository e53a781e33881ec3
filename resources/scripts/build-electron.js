// Bundles the desktop shell for Electron: the main process and the engine's utility process as
// ES modules, the sandboxed preload as one CommonJS file (sandboxed preloads cannot import).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: {
      'electron-main': 'main/electron/main.ts',
      'engine-worker': 'main/electron/engineWorker.ts',
    },
    outdir: 'main/dist',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'main/dist',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
]);
