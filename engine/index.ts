// The engine's public face for hosts: create it, talk to it through a transport.
export { createEngine, type Engine, type EngineHost } from './api/engine.ts';
export { inProcessClient } from './api/inProcessClient.ts';
export { resolveDataDir } from './store/dataDir.ts';
