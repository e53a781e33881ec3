// `npm run cluster:up`: build (once) and start the two test clusters, print the kubeconfig path.
import { clusterUp } from './harness.js';

try {
  const { kubeconfigPath } = await clusterUp();
  process.stdout.write(`${kubeconfigPath}\n`);
} catch (err) {
  process.stderr.write(`cluster:up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
