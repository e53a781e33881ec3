// Deleting and editing one live object of an application from its tree. The edit is shown as
// the object without managedFields; what the user changed is a merge patch from that text to
// theirs, sent first as a server dry run (the answer shows what the server would make of it) and
// applied only when confirmed, with the resourceVersion they edited, so a change made meanwhile
// is a conflict rather than lost. Secrets are never edited here: their values are never shown.
import { createMergePatch } from '../actions/mergePatch.ts';
import { ContractError } from '../api/errors.ts';
import { deleteLiveObject, patchLiveObject, type Propagation } from '../cluster/liveObjectWrites.ts';
import { objectKey, yamlOf, type KubeObject } from '../diff/index.ts';
import { isSecret } from '../diff/identity.ts';
import { authorizeLiveWrite } from '../policy/liveWrites.ts';
import { parseYamlValue, YamlError } from '../yaml/index.ts';
import { asContractError, type AppResources, type ResourceRef } from './appResources.ts';

/** An edited manifest larger than this is refused unread. */
const MAX_EDIT_BYTES = 2 * 1024 * 1024;

export interface EditResult {
  /** The object as it is (without managedFields). */
  liveYaml: string;
  /** What the server made (dry run) or made of it (applied). */
  resultYaml: string;
  changed: boolean;
  dryRun: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object as the editor shows it: managedFields are the server's bookkeeping. */
export function editable(obj: KubeObject): KubeObject {
  const { managedFields: _managed, ...metadata } = (obj.metadata ?? {}) as Record<string, unknown>;
  return { ...obj, metadata };
}

function resourceVersion(obj: KubeObject): string | undefined {
  const value = (obj.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion;
  return typeof value === 'string' ? value : undefined;
}

export class AppResourceEdits {
  constructor(private readonly resources: AppResources) {}

  async manifest(name: string, ref: ResourceRef): Promise<{ yaml: string; editable: boolean }> {
    const { live } = await this.resources.resolve(name, ref);
    if (isSecret(live))
      throw new ContractError(
        'invalid-input',
        'Secrets are not edited in Plumbline: their values are never shown',
      );
    return { yaml: yamlOf(editable(live)), editable: true };
  }

  async edit(name: string, ref: ResourceRef, yaml: string, dryRun: boolean): Promise<EditResult> {
    const resolved = await this.resources.resolve(name, ref);
    const { live, node, connection, target } = resolved;
    if (isSecret(live))
      throw new ContractError(
        'invalid-input',
        'Secrets are not edited in Plumbline: their values are never shown',
      );
    if (Buffer.byteLength(yaml) > MAX_EDIT_BYTES)
      throw new ContractError(
        'invalid-input',
        `the edited manifest is larger than ${MAX_EDIT_BYTES / 2 ** 20} MB`,
      );
    let edited: unknown;
    try {
      edited = parseYamlValue(yaml, { source: 'the edited manifest', prettyErrors: true });
    } catch (error) {
      throw new ContractError('invalid-input', error instanceof YamlError ? error.message : String(error));
    }
    if (!isRecord(edited)) throw new ContractError('invalid-input', 'the edited manifest is not an object');
    const before = objectKey(live);
    const after = objectKey(edited as KubeObject);
    if (
      before.group !== after.group ||
      before.kind !== after.kind ||
      before.name !== after.name ||
      (after.namespace || before.namespace) !== before.namespace
    )
      throw new ContractError(
        'invalid-input',
        `the edited manifest must stay ${node.id}: its apiVersion group, kind, namespace and name cannot change`,
      );
    const version = resourceVersion(edited as KubeObject);
    if (version !== undefined && version !== resourceVersion(live))
      throw new ContractError(
        'failed',
        `${node.id} changed in the cluster since it was opened (resourceVersion ${version}, now ${resourceVersion(live)}): open it again`,
      );
    const shown = editable(live);
    const patch = createMergePatch(shown, edited);
    const liveYaml = yamlOf(shown);
    if (Object.keys(patch).length === 0) return { liveYaml, resultYaml: liveYaml, changed: false, dryRun };
    const verdict = authorizeLiveWrite(target.app, target.project, target.cluster, {
      ...live,
      ...edited,
    } as KubeObject);
    if (!verdict.allowed) throw new ContractError('failed', verdict.message);
    // optimistic concurrency: the server refuses the patch when the object moved on
    const guarded = {
      ...patch,
      metadata: {
        ...(isRecord(patch.metadata) ? patch.metadata : {}),
        resourceVersion: resourceVersion(live),
      },
    };
    let result: KubeObject;
    try {
      result = await patchLiveObject(connection, live, guarded, { dryRun });
    } catch (error) {
      const failure = asContractError(error);
      if (!dryRun)
        await this.resources.record(name, node, {
          reason: 'ResourceUpdateFailed',
          type: 'Warning',
          message: `edit: ${failure.message}`,
        });
      throw failure;
    }
    const resultYaml = yamlOf(editable(result));
    if (!dryRun) {
      const fields = Object.keys(patch).filter(
        (key) => key !== 'metadata' || Object.keys(patch.metadata as object).length > 0,
      );
      await this.resources.record(name, node, {
        reason: 'ResourceUpdated',
        type: 'Normal',
        message: `edited ${fields.join(', ')}`,
      });
      this.resources.changed(name);
    }
    return { liveYaml, resultYaml, changed: resultYaml !== liveYaml, dryRun };
  }

  async delete(name: string, ref: ResourceRef, propagation: Propagation, force: boolean): Promise<boolean> {
    const { live, node, connection, target } = await this.resources.resolve(name, ref);
    const verdict = authorizeLiveWrite(target.app, target.project, target.cluster, live);
    if (!verdict.allowed) throw new ContractError('failed', verdict.message);
    const how = `${propagation}${force ? ', forced (grace period 0)' : ''}`;
    let deleted: boolean;
    try {
      deleted = await deleteLiveObject(connection, node.key, { propagation, force });
    } catch (error) {
      const failure = asContractError(error);
      await this.resources.record(name, node, {
        reason: 'ResourceDeleteFailed',
        type: 'Warning',
        message: `delete (${how}): ${failure.message}`,
      });
      throw failure;
    }
    await this.resources.record(name, node, {
      reason: 'ResourceDeleted',
      type: 'Normal',
      message: `deleted (${how})`,
    });
    this.resources.changed(name);
    return deleted;
  }
}
