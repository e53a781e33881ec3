// What the cluster shows of one application, read from its last comparison: the resource tree,
// the diff, and a live object's manifest and events.
import type { KubeEvent, ResourceDiff, TreeNode } from '../api/contract.ts';
import type { LiveComparisons } from './liveComparisons.ts';

export class AppLiveViews {
  constructor(
    /** Throws when there is no such application. */
    private readonly find: (name: string) => unknown,
    private readonly comparisons: LiveComparisons,
    /** The kubeconfig context it deploys to, once rendered. */
    private readonly context: (name: string) => string | undefined,
  ) {}

  tree(name: string): TreeNode[] {
    this.find(name);
    return this.comparisons.tree(name);
  }

  diff(name: string, revealSecrets: boolean): ResourceDiff[] {
    this.find(name);
    return this.comparisons.diff(name, revealSecrets);
  }

  liveManifest(name: string, id: string): string {
    this.find(name);
    return this.comparisons.liveManifest(name, this.context(name) ?? null, id);
  }

  resourceEvents(name: string, id: string): Promise<KubeEvent[]> {
    this.find(name);
    return this.comparisons.resourceEvents(name, this.context(name) ?? null, id);
  }
}
