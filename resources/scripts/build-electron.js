// Bundles the desktop shell for Electron: the main process and the engine's utility process as
// ES modules, the sandboxed preload as one CommonJS file (sandboxed preloads cannot import).
import { copyFile } from 'node:fs/promises';
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

// The jsonnet evaluator is loaded from beside the module that reads it, here the bundle.
await copyFile('engine/render/jsonnet/go-jsonnet.wasm.gz', 'main/dist/go-jsonnet.wasm.gz');
