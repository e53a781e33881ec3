// apiextensions.k8s.io/CustomResourceDefinition: Argo CD's built-in Lua check
// (resource_customizations/apiextensions.k8s.io/CustomResourceDefinition), in TypeScript.
import { fieldsOf } from '../object.ts';
import { health, type HealthResult, type KubeObject } from '../types.ts';

export function crdHealth(obj: KubeObject): HealthResult {
  const crd = fieldsOf(obj, 'CustomResourceDefinition');
  if (crd.has('metadata.deletionTimestamp')) return health('Progressing', 'CRD is terminating');
  const conditions = crd.list('status.conditions');
  if (conditions.length === 0) return health('Progressing', 'Status conditions not found');

  let established = false;
  let terminating = false;
  let namesNotAccepted = false;
  let violations = false;
  // As in Argo CD, one message: that of the last condition of interest, whichever branch reports.
  let message = '';
  for (const c of conditions) {
    const type = c.str('type');
    const status = c.str('status');
    if (type === 'Terminating' && status === 'True') terminating = true;
    else if (type === 'NamesAccepted' && status === 'False') namesNotAccepted = true;
    else if (type === 'Established' && status === 'True') established = true;
    else if (type === 'NonStructuralSchema' && status === 'True') violations = true;
    else continue;
    message = c.str('message');
  }
  if (terminating) return health('Progressing', `CRD is terminating: ${message}`);
  if (namesNotAccepted) return health('Degraded', `CRD names have not been accepted: ${message}`);
  if (!established) return health('Degraded', 'CRD is not established');
  if (violations) return health('Degraded', `Schema violations found: ${message}`);
  return health('Healthy', 'CRD is healthy');
}
