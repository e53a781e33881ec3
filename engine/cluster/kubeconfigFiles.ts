// Which kubeconfig files count, as kubectl decides: every entry of KUBECONFIG (split on the
// platform's path delimiter), else ~/.kube/config.
import { delimiter, join } from 'node:path';

export function kubeconfigFiles(env: Record<string, string | undefined>, homeDir: string): string[] {
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file.trim() !== '');
  return listed.length > 0 ? [...new Set(listed)] : [join(homeDir, '.kube', 'config')];
}
