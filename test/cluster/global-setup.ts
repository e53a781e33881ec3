// Vitest globalSetup for the e2e tests: brings the two test clusters up before
// the run and down after it. With PLUMBLINE_KEEP_CLUSTER=1 running clusters are
// reused and left running afterwards, which saves the start on every re-run
// (stop them with `npm run cluster:down`).
import { clusterDown, clusterUp } from './harness.js';

export default async function setup(): Promise<() => Promise<void>> {
  const keep = process.env.PLUMBLINE_KEEP_CLUSTER === '1';
  await clusterUp();
  return async () => {
    if (!keep) await clusterDown();
  };
}
