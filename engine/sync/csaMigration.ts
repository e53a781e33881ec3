// Client-side apply migration (Argo CD 3.1+, Kubernetes' csaupgrade): before a server-side apply,
// the fields a client-side apply manager (`kubectl-client-side-apply` unless the Application's
// `argocd.argoproj.io/client-side-apply-migration-manager` names another) owns with operation
// Update are handed to Plumbline's apply manager, so that fields git no longer sets are removed
// by the apply instead of staying, owned by a manager nobody runs any more.
// `ClientSideApplyMigration=false` turns it off.
import { KubeApiError, type ClusterConnection } from '../cluster/index.ts';
import { objectKey, type KubeObject } from '../diff/index.ts';
import { FIELD_MANAGER, jsonPatchObject, readLiveObject } from './objectWrites.ts';
import { isRecord, metadataOf, metadataString } from './objectMeta.ts';

export const DEFAULT_CSA_MIGRATION_MANAGER = 'kubectl-client-side-apply';
export const CSA_MIGRATION_MANAGER_ANNOTATION = 'argocd.argoproj.io/client-side-apply-migration-manager';
/** client-go's retry.DefaultRetry: five tries on a conflict. */
const CONFLICT_TRIES = 5;

interface FieldsEntry {
  manager?: unknown;
  operation?: unknown;
  subresource?: unknown;
  apiVersion?: unknown;
  fieldsV1?: unknown;
  [field: string]: unknown;
}

function entriesOf(obj: KubeObject): FieldsEntry[] {
  const entries = metadataOf(obj).managedFields;
  return Array.isArray(entries) ? entries.filter(isRecord) : [];
}

const isUpdateBy = (manager: string) => (entry: FieldsEntry) =>
  entry.manager === manager && entry.operation === 'Update' && !entry.subresource;

/** gitops-engine's needsClientSideApplyMigration: the manager holds fields with operation Update. */
export function needsCsaMigration(live: KubeObject | undefined, manager: string): boolean {
  if (live === undefined || manager === '') return false;
  return entriesOf(live).some((entry) => entry.manager === manager && entry.operation === 'Update');
}

/** A FieldsV1 node is a member of the set itself when it is empty or holds `.`. */
function isMember(node: Record<string, unknown>): boolean {
  return Object.keys(node).length === 0 || '.' in node;
}

/** The union of two FieldsV1 sets, in the same format. */
export function unionFields(a: unknown, b: unknown): Record<string, unknown> {
  const left = isRecord(a) ? a : {};
  const right = isRecord(b) ? b : {};
  const result: Record<string, unknown> = {};
  for (const token of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (token === '.') continue;
    const [x, y] = [left[token], right[token]];
    if (!isRecord(x) || !isRecord(y)) {
      result[token] = isRecord(x) ? x : y;
      continue;
    }
    const children = unionFields(x, y);
    result[token] =
      Object.keys(children).length > 0 && (isMember(x) || isMember(y)) ? { '.': {}, ...children } : children;
  }
  return result;
}

/**
 * csaupgrade's upgradedManagedFields: the apply manager's entry (or, without one, the newest
 * client-side entry renamed to it) takes the union with the client-side entry of its API
 * version; every client-side entry of that manager goes. Undefined when nothing changes.
 */
export function migratedManagedFields(
  entries: readonly FieldsEntry[],
  csaManager: string,
  ssaManager: string,
): FieldsEntry[] | undefined {
  if (!entries.some(isUpdateBy(csaManager))) return undefined;
  const fields = entries.map((entry) => ({ ...entry }));
  let target = fields.findIndex((e) => e.manager === ssaManager && e.operation === 'Apply' && !e.subresource);
  if (target < 0) {
    target = fields.findIndex(isUpdateBy(csaManager));
    fields[target] = { ...fields[target], operation: 'Apply', manager: ssaManager };
  }
  const owner = fields[target] as FieldsEntry;
  const csa = fields.find((e) => isUpdateBy(csaManager)(e) && e.apiVersion === owner.apiVersion);
  if (csa !== undefined) owner.fieldsV1 = unionFields(owner.fieldsV1, csa.fieldsV1);
  return fields.filter((entry) => !isUpdateBy(csaManager)(entry));
}

/** Hands the client-side manager's fields to Plumbline's, read fresh and retried on a conflict. */
export async function migrateClientSideApply(
  conn: ClusterConnection,
  live: KubeObject,
  csaManager: string,
): Promise<void> {
  const key = objectKey(live);
  for (let attempt = 1; ; attempt++) {
    const fresh = await readLiveObject(conn, key);
    if (fresh === undefined || !needsCsaMigration(fresh, csaManager)) return;
    const migrated = migratedManagedFields(entriesOf(fresh), csaManager, FIELD_MANAGER);
    if (migrated === undefined) return;
    try {
      await jsonPatchObject(
        conn,
        key,
        [
          { op: 'replace', path: '/metadata/managedFields', value: migrated },
          {
            op: 'replace',
            path: '/metadata/resourceVersion',
            value: metadataString(fresh, 'resourceVersion'),
          },
        ],
        'migrate the client-side apply fields of',
      );
      return;
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409) || attempt >= CONFLICT_TRIES) throw error;
    }
  }
}
