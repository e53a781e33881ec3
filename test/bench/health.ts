// What a custom Lua health check costs at fleet scale: checks run in the health worker thread
// (a fresh Lua state each, as in Argo CD), many objects of a comparison in one batch. Reported
// per check, for a batch of a thousand objects and for a single object's round trip.
import { createRequire } from 'node:module';
import {
  healthCustomizationsFromSettings,
  healthOfEach,
  stopHealthScripts,
  type KubeObject,
} from '../../engine/health/index.ts';
import { luaCheckWorker, type WorkerBatch } from '../../engine/health/lua/checkWorker.ts';
import { formatLuaNumber } from '../../engine/health/lua/fengari.ts';
import { workerSetup } from '../../engine/health/lua/runner.ts';
import { compileScript } from '../../engine/health/lua/sandbox.ts';
import { measure, report, type Measurement } from './measure.ts';

// The shape of Argo CD's usual resource_customizations scripts: conditions read, a status set.
const SCRIPT = `local hs = { status = "Progressing", message = "Waiting for the rollout" }
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Available" and condition.status == "True" then
      hs.status = "Healthy"
      hs.message = condition.message
    end
  end
end
return hs`;

function widget(i: number): KubeObject {
  return {
    apiVersion: 'bench.example.org/v1',
    kind: 'Widget',
    metadata: { name: `widget-${i}`, namespace: 'bench', labels: { app: `widget-${i}` }, generation: 3 },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    status: {
      observedGeneration: 3,
      conditions: [
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        { type: 'Available', status: 'True', message: 'Deployment has minimum availability.' },
      ],
    },
  };
}

function perCheck(measurement: Measurement, checks: number, name: string): Measurement {
  const scale = (ms: number) => ms / checks;
  const { runs, medianMs, minMs, maxMs } = measurement;
  return { name, runs, medianMs: scale(medianMs), minMs: scale(minMs), maxMs: scale(maxMs) };
}

export async function benchHealthChecks(): Promise<void> {
  const custom = healthCustomizationsFromSettings({ 'bench.example.org/Widget': SCRIPT });
  const fleet = Array.from({ length: 1000 }, (_, i) => widget(i));
  await healthOfEach(fleet.slice(0, 10), custom); // the worker is started
  const batched = await measure('', 5, () => healthOfEach(fleet, custom));
  report(perCheck(batched, fleet.length, 'Lua health check in the worker, per check (1000 batched)'));
  const single = await measure('Lua health check in the worker, one object (round trip)', 51, () =>
    healthOfEach([fleet[0]!], custom),
  );
  report(single);
  await stopHealthScripts();

  // The same checks without the thread, for the overhead it adds: the worker's function run
  // here, fed through a local port. Last, because it swaps this process's Uint8Array for the
  // counting one.
  const compiled = compileScript('bench', SCRIPT, false);
  if ('error' in compiled) throw new Error(`bench script: ${compiled.error}`);
  let runBatch: (batch: WorkerBatch) => void = () => undefined;
  luaCheckWorker({
    require: createRequire(import.meta.url),
    port: { on: (_event, listener) => (runBatch = listener), postMessage: () => undefined },
    setup: workerSetup(new SharedArrayBuffer(16)),
    formatLuaNumber,
  });
  const { name, bytecode, openLibs } = compiled.script;
  const batch: WorkerBatch = {
    scripts: [{ name, bytecode, openLibs }],
    checks: fleet.map((obj) => ({ script: 0, obj, timeoutMs: 1000 })),
  };
  const inProcess = await measure('', 5, () => runBatch(batch));
  report(perCheck(inProcess, fleet.length, 'the same check in the engine process (reference)'));
  console.log(
    `${'worker overhead per check (batched − in process, median)'.padEnd(58)} ${((batched.medianMs - inProcess.medianMs) / fleet.length).toFixed(3)} ms`,
  );
}
