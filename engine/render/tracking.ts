// Marks every rendered object as the application's as Argo CD does (engine/tracking: the
// `argocd.argoproj.io/tracking-id` annotation, the instance label, or both, per the settings), and
// gives namespaced objects without a namespace the application's destination namespace. Whether a kind is namespaced comes from the cluster's
// discovery when the caller has it, else from a list of the well-known cluster-scoped kinds.
import { activeTracking, withTracking } from '../tracking/index.ts';
import type { KubeObject, RenderContext } from './types.ts';

// Cluster-scoped kinds of Kubernetes itself, by group ('' is the core group).
const CLUSTER_SCOPED: Record<string, string[]> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'],
  'scheduling.k8s.io': ['PriorityClass'],
  'admissionregistration.k8s.io': [
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
  ],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  policy: ['PodSecurityPolicy'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'resource.k8s.io': ['DeviceClass', 'ResourceSlice'],
  'authentication.k8s.io': ['TokenReview', 'SelfSubjectReview'],
  'authorization.k8s.io': ['SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
};

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isWellKnownClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED[group]?.includes(kind) ?? false;
}

/** Copies of the objects with the destination namespace filled in and the tracking annotation set. */
export function trackObjects(objects: KubeObject[], context: RenderContext): KubeObject[] {
  return objects.map((object) => {
    const group = groupOf(object.apiVersion);
    const namespaced =
      context.isNamespaced?.(group, object.kind) ?? !isWellKnownClusterScoped(group, object.kind);
    const metadata = { ...object.metadata };
    if (namespaced && !metadata.namespace && context.destinationNamespace) {
      metadata.namespace = context.destinationNamespace;
    }
    // Argo CD's id carries the destination namespace for cluster-scoped objects too
    return withTracking(
      { ...object, metadata },
      context.appName,
      activeTracking(),
      context.destinationNamespace ?? '',
    ) as KubeObject;
  });
}
