// A user's work on one live object of an application, outside a sync: its resource actions
// (listed and run). The object must be in the application's resource tree — a client cannot
// reach any other object through these calls — and is read fresh from the cluster; every write
// passes engine/policy and is recorded in the application's activity.
import type { AppEvent, TreeNode } from '../api/contract.ts';
import { eventsOfObjects } from '../cluster/namespaceEvents.ts';
import { ContractError } from '../api/errors.ts';
import { ActionError, listActions, runAction, type ActionContext } from '../actions/resourceActions.ts';
import type { ResourceAction } from '../actions/types.ts';
import { writeImpacted, type WrittenResource } from '../actions/writeImpacted.ts';
import type { ClusterConnection } from '../cluster/clusterConnection.ts';
import type { KubeObject, ObjectKey } from '../diff/index.ts';
import { authorizeLiveWrite } from '../policy/liveWrites.ts';
import type { Activity, AppActivity } from '../store/appActivity.ts';
import { desktopUser } from '../store/instanceIdentity.ts';
import { readLiveObject } from '../sync/objectWrites.ts';
import { describeFailure } from './failures.ts';
import type { LiveTarget } from './liveTarget.ts';

/** An object of the application: by tree id (`group/kind/namespace/name`) or by its parts. */
export type ResourceRef = { id: string } | { group?: string; kind: string; namespace?: string; name: string };

export interface AppResourcesDeps {
  /** Throws a ContractError when the application cannot be worked on. */
  target(name: string): LiveTarget;
  tree(name: string): TreeNode[];
  connection(context: string): ClusterConnection;
  /** Where Lua actions come from: the user's customizations folder, if any, and the settings. */
  actionSources(): Promise<Pick<ActionContext, 'dir' | 'defined'>>;
  activity: AppActivity;
  /** Compare the application again after a write. */
  changed(name: string): void;
  /** Rendered and compared at least once (a CLI engine has done neither yet). */
  ready(name: string): Promise<void>;
}

export interface ResolvedResource {
  target: LiveTarget;
  node: TreeNode;
  connection: ClusterConnection;
  live: KubeObject;
}

function describe(key: ObjectKey): string {
  return `${key.group ? `${key.group}/` : ''}${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

export function findNode(nodes: TreeNode[], name: string, ref: ResourceRef): TreeNode {
  const found =
    'id' in ref
      ? nodes.find((node) => node.id === ref.id)
      : nodes.find(
          (node) =>
            node.key.kind === ref.kind &&
            node.key.name === ref.name &&
            (ref.group === undefined || node.key.group === ref.group) &&
            (ref.namespace === undefined || node.key.namespace === ref.namespace),
        );
  if (!found) {
    const what = 'id' in ref ? ref.id : `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    throw new ContractError('invalid-input', `${what} is not an object of application ${name}`);
  }
  return found;
}

export class AppResources {
  constructor(private readonly deps: AppResourcesDeps) {}

  /** The object, checked to be the application's and read as the cluster has it now. */
  async resolve(name: string, ref: ResourceRef): Promise<ResolvedResource> {
    await this.deps.ready(name);
    const target = this.deps.target(name);
    const node = findNode(this.deps.tree(name), name, ref);
    const connection = this.deps.connection(target.context);
    const live = await readLiveObject(connection, node.key);
    if (!live) throw new ContractError('failed', `${describe(node.key)} no longer exists in the cluster`);
    return { target, node, connection, live };
  }

  async actions(name: string, ref: ResourceRef): Promise<ResourceAction[]> {
    const { live } = await this.resolve(name, ref);
    try {
      return await listActions({ ...(await this.deps.actionSources()), obj: live });
    } catch (error) {
      throw asContractError(error);
    }
  }

  async runAction(
    name: string,
    ref: ResourceRef,
    action: string,
    params: Record<string, string>,
  ): Promise<WrittenResource[]> {
    const { target, node, connection, live } = await this.resolve(name, ref);
    const record = (entry: Pick<Activity, 'reason' | 'type' | 'message'>) => this.record(name, node, entry);
    let written: WrittenResource[];
    try {
      const impacted = await runAction({ ...(await this.deps.actionSources()), obj: live }, action, params);
      written = await writeImpacted(connection, live, impacted, (obj) =>
        authorizeLiveWrite(target.app, target.project, target.cluster, obj),
      );
    } catch (error) {
      const failure = asContractError(error);
      await record({
        reason: 'ResourceActionFailed',
        type: 'Warning',
        message: `action ${action}: ${failure.message}`,
      });
      throw failure;
    }
    const summary = written.map(
      (w) => `${w.operation === 'create' ? 'created' : w.changed ? 'patched' : 'unchanged'} ${describe(w)}`,
    );
    await record({
      reason: 'ResourceActionRan',
      type: 'Normal',
      message: `ran action ${action} (${summary.join(', ')})`,
    });
    this.deps.changed(name);
    return written;
  }

  /** Rendered and compared at least once, for a call about its live objects. */
  ready(name: string): Promise<void> {
    return this.deps.ready(name);
  }

  /** The application's definition, project and destination; throws a ContractError. */
  target(name: string): LiveTarget {
    return this.deps.target(name);
  }

  /** The application changed in the cluster: compare it again. */
  changed(name: string): void {
    this.deps.changed(name);
  }

  /**
   * The application's events: the Kubernetes Events of the objects of its tree (one list per
   * namespace) and what users did through Plumbline, newest first.
   */
  async events(name: string): Promise<AppEvent[]> {
    await this.deps.ready(name);
    const target = this.deps.target(name);
    const nodes = this.deps.tree(name);
    const objects = nodes.map((node): KubeObject => ({
      apiVersion: node.key.group ? `${node.key.group}/v1` : 'v1',
      kind: node.key.kind,
      metadata: { name: node.key.name, ...(node.key.namespace ? { namespace: node.key.namespace } : {}) },
    }));
    const [cluster, activity] = await Promise.all([
      eventsOfObjects(this.deps.connection(target.context), objects).catch((error: unknown) => {
        throw new ContractError('unavailable', `${name}: cannot read its events: ${describeFailure(error)}`);
      }),
      this.deps.activity.list(name),
    ]);
    const events: AppEvent[] = [
      ...cluster.map((e) => ({
        type: e.type,
        reason: e.reason,
        message: e.message,
        count: e.count,
        lastSeen: e.lastSeen ?? e.firstSeen ?? null,
        source: e.source || null,
        object: nodes[e.object]?.id ?? null,
        origin: 'cluster' as const,
      })),
      ...activity.map((a) => ({
        type: a.type,
        reason: a.reason,
        message: a.message,
        count: 1,
        lastSeen: a.at,
        source: a.username ? `plumbline (${a.username})` : 'plumbline',
        object: a.resource,
        origin: 'plumbline' as const,
      })),
    ];
    return events.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  }

  /** One line of the application's activity about an object; a failed write of it is not the user's problem. */
  async record(
    name: string,
    node: TreeNode,
    entry: Pick<Activity, 'reason' | 'type' | 'message'>,
  ): Promise<void> {
    await this.deps.activity
      .record(name, { ...entry, at: new Date().toISOString(), username: desktopUser(), resource: node.id })
      .catch(() => undefined);
  }
}

export function asContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof ActionError) return new ContractError(error.kind, error.message);
  return new ContractError('failed', describeFailure(error));
}
