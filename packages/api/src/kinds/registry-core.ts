import type { KindSchemaEntry } from '../schemas.ts';
import {
  LocalSubjectAccessReviewSchema,
  SelfSubjectAccessReviewSchema,
  SelfSubjectReviewSchema,
  SelfSubjectRulesReviewSchema,
  SubjectAccessReviewSchema,
} from './authz.ts';
import {
  ConfigMapSchema,
  EndpointSliceSchema,
  EndpointsSchema,
  EventSchema,
  EventsV1EventSchema,
  LeaseSchema,
  NamespaceSchema,
  NodeSchema,
  SecretSchema,
} from './core.ts';
import { ModuleConfigSchema } from './module-config.ts';
import { PodSchema } from './pod.ts';
import { IngressSchema, ServiceSchema } from './network.ts';
import { ProjectSchema } from './project.ts';
import {
  ClusterRoleBindingSchema,
  ClusterRoleSchema,
  RoleBindingSchema,
  RoleSchema,
} from './rbac.ts';
import {
  PersistentVolumeClaimSchema,
  StorageClassSchema,
  VolumeSnapshotClassSchema,
} from './storage.ts';

const row = (
  group: string,
  version: string,
  kind: string,
  schema: KindSchemaEntry['schema'],
): KindSchemaEntry => ({ group, version, kind, schema });

const RBAC = 'rbac.authorization.k8s.io';
const AUTHZ = 'authorization.k8s.io';

/** Registry rows for core Kubernetes and Deckhouse kinds. */
export const CORE_SCHEMAS: readonly KindSchemaEntry[] = [
  row('', 'v1', 'Namespace', NamespaceSchema),
  row('', 'v1', 'Node', NodeSchema),
  row('', 'v1', 'Secret', SecretSchema),
  row('', 'v1', 'Pod', PodSchema),
  row('', 'v1', 'ConfigMap', ConfigMapSchema),
  row('', 'v1', 'Service', ServiceSchema),
  row('', 'v1', 'Endpoints', EndpointsSchema),
  row('discovery.k8s.io', 'v1', 'EndpointSlice', EndpointSliceSchema),
  row('', 'v1', 'PersistentVolumeClaim', PersistentVolumeClaimSchema),
  row('', 'v1', 'Event', EventSchema),
  row('events.k8s.io', 'v1', 'Event', EventsV1EventSchema),
  row('networking.k8s.io', 'v1', 'Ingress', IngressSchema),
  row('storage.k8s.io', 'v1', 'StorageClass', StorageClassSchema),
  row('snapshot.storage.k8s.io', 'v1', 'VolumeSnapshotClass', VolumeSnapshotClassSchema),
  row('coordination.k8s.io', 'v1', 'Lease', LeaseSchema),
  row(RBAC, 'v1', 'Role', RoleSchema),
  row(RBAC, 'v1', 'ClusterRole', ClusterRoleSchema),
  row(RBAC, 'v1', 'RoleBinding', RoleBindingSchema),
  row(RBAC, 'v1', 'ClusterRoleBinding', ClusterRoleBindingSchema),
  row(AUTHZ, 'v1', 'SelfSubjectAccessReview', SelfSubjectAccessReviewSchema),
  row(AUTHZ, 'v1', 'SubjectAccessReview', SubjectAccessReviewSchema),
  row(AUTHZ, 'v1', 'LocalSubjectAccessReview', LocalSubjectAccessReviewSchema),
  row(AUTHZ, 'v1', 'SelfSubjectRulesReview', SelfSubjectRulesReviewSchema),
  row('authentication.k8s.io', 'v1', 'SelfSubjectReview', SelfSubjectReviewSchema),
  row('deckhouse.io', 'v1alpha1', 'ModuleConfig', ModuleConfigSchema),
  row('deckhouse.io', 'v1alpha2', 'Project', ProjectSchema),
];
