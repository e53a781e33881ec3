// `npm run cluster:down`: stop every test-cluster process and remove their state.
import { clusterDown } from './harness.js';

try {
  await clusterDown();
} catch (err) {
  process.stderr.write(`cluster:down failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
