#!/usr/bin/env node
// The `plumbline` command: runs the TypeScript CLI through tsx, so the engine needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
