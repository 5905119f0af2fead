import type { KubeObject } from '../../apiserver/types.ts';
import type { ChecksumSpec } from './checksum.ts';

/** The kind profile a controller instance works for. */
export interface ImageKind {
  kind: 'VirtualImage' | 'ClusterVirtualImage';
  /** DVCR repository prefix and guest disk prefix. */
  short: 'vi' | 'cvi';
  namespaced: boolean;
  /** The `Ready` reason a failed registry pull carries. */
  pullFailReason: 'ImagePullFailed' | 'ProvisioningFailed';
}

export const VI: ImageKind = {
  kind: 'VirtualImage',
  short: 'vi',
  namespaced: true,
  pullFailReason: 'ImagePullFailed',
};
export const CVI: ImageKind = {
  kind: 'ClusterVirtualImage',
  short: 'cvi',
  namespaced: false,
  pullFailReason: 'ProvisioningFailed',
};

/** The finalizer that keeps an image until its users let go and its files are removed. */
export const FINALIZER = 'virtualization.deckhouse.io/vi-protection';

/** `spec.dataSource` of VI/CVI as the controller reads it. */
export interface DataSource {
  type: 'HTTP' | 'ContainerImage' | 'ObjectRef' | 'Upload';
  http?: { url: string; caBundle?: string; checksum?: ChecksumSpec };
  containerImage?: {
    image: string;
    imagePullSecret?: { name?: string; namespace?: string };
    caBundle?: string;
  };
  objectRef?: { kind: string; name: string; namespace?: string };
  upload?: { checksum?: ChecksumSpec };
}

/** A metav1.Condition as images write it. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** `status` of VI/CVI as the controller reads it. */
export interface ImageStatus {
  phase?: string;
  conditions?: Condition[];
  observedGeneration?: number;
  progress?: string;
  target?: { registryURL?: string; persistentVolumeClaimName?: string };
  imageUploadURLs?: { external?: string; inCluster?: string };
  storageClassName?: string;
  usedInNamespaces?: string[];
  format?: string;
}

export const dataSourceOf = (o: KubeObject): DataSource =>
  (o.spec as { dataSource?: DataSource } | undefined)?.dataSource ?? {
    type: 'HTTP',
  };

export const statusOf = (o: KubeObject): ImageStatus => o.status ?? {};

/** `spec.storage` of a VI: PVC (incl. the deprecated `Kubernetes`) or DVCR. */
export function usesPvc(kind: ImageKind, o: KubeObject): boolean {
  const storage = (o.spec as { storage?: string } | undefined)?.storage;
  return kind.namespaced && (storage === 'PersistentVolumeClaim' || storage === 'Kubernetes');
}

/** `kind namespace/name` (or `kind name`) for messages. */
export function describe(o: KubeObject): string {
  const ns = o.metadata.namespace;
  return `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata.name ?? ''}`;
}
