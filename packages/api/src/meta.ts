import { z } from 'zod';

import { patternString } from './validation/patterns.ts';

/**
 * Shared Kubernetes building blocks (`k8s.io/apimachinery/pkg/apis/meta/v1`, `k8s.io/api/core/v1`)
 * used by every kind schema. Object names are not checked here: the server validates name format
 * with the rules in `rules/names.ts`.
 */

/** A string → string map (labels, annotations, node selectors). */
export const StringMapSchema = z.record(z.string(), z.string());

/** `metav1.OwnerReference`. */
export const OwnerReferenceSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof OwnerReferenceSchema>;

/** `metav1.ManagedFieldsEntry`; kept loose because only server-side apply reads it. */
export const ManagedFieldsEntrySchema = z.looseObject({
  manager: z.string().optional(),
  operation: z.string().optional(),
  apiVersion: z.string().optional(),
  time: z.string().optional(),
  fieldsType: z.string().optional(),
  subresource: z.string().optional(),
});

/** `metav1.ObjectMeta`. Unknown metadata fields are pruned, as kube-apiserver does. */
export const ObjectMetaSchema = z.object({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  selfLink: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.int().optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  deletionGracePeriodSeconds: z.int().optional(),
  labels: StringMapSchema.optional(),
  annotations: StringMapSchema.optional(),
  ownerReferences: z.array(OwnerReferenceSchema).optional(),
  finalizers: z.array(z.string()).optional(),
  managedFields: z.array(ManagedFieldsEntrySchema).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;

/** `metav1.ListMeta`. */
export const ListMetaSchema = z.object({
  resourceVersion: z.string().optional(),
  continue: z.string().optional(),
  remainingItemCount: z.int().optional(),
  selfLink: z.string().optional(),
});
export type ListMeta = z.infer<typeof ListMetaSchema>;

/**
 * The list envelope (`<Kind>List`) around an item schema, e.g.
 * `listSchema(VirtualMachineSchema)` for `VirtualMachineList`.
 */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: ListMetaSchema.default({}),
    items: z.array(item),
  });
}

/** `metav1.Condition`, with the CRD-generated patterns and limits. */
export const ConditionSchema = z.object({
  type: patternString(
    '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
  ).max(316),
  status: z.enum(['True', 'False', 'Unknown']),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.string(),
  reason: patternString('^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$').min(1).max(1024),
  message: z.string().max(32768),
});
export type Condition = z.infer<typeof ConditionSchema>;

/** `metav1.LabelSelectorRequirement`. */
export const LabelSelectorRequirementSchema = z.object({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});

/** `metav1.LabelSelector`. */
export const LabelSelectorSchema = z.object({
  matchExpressions: z.array(LabelSelectorRequirementSchema).optional(),
  matchLabels: StringMapSchema.optional(),
});
export type LabelSelector = z.infer<typeof LabelSelectorSchema>;

/** `corev1.Toleration`. */
export const TolerationSchema = z.object({
  effect: z.string().optional(),
  key: z.string().optional(),
  operator: z.string().optional(),
  tolerationSeconds: z.int().optional(),
  value: z.string().optional(),
});
export type Toleration = z.infer<typeof TolerationSchema>;

/** `corev1.NodeSelectorRequirement` (used for both `matchExpressions` and `matchFields`). */
export const NodeSelectorRequirementSchema = LabelSelectorRequirementSchema;

/** `corev1.NodeSelectorTerm`. */
export const NodeSelectorTermSchema = z.object({
  matchExpressions: z.array(NodeSelectorRequirementSchema).optional(),
  matchFields: z.array(NodeSelectorRequirementSchema).optional(),
});

/** `corev1.NodeAffinity`. */
export const NodeAffinitySchema = z.object({
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.object({ preference: NodeSelectorTermSchema, weight: z.int().min(1).max(100) }))
    .optional(),
  requiredDuringSchedulingIgnoredDuringExecution: z
    .object({ nodeSelectorTerms: z.array(NodeSelectorTermSchema) })
    .optional(),
});
export type NodeAffinity = z.infer<typeof NodeAffinitySchema>;

/** `corev1.PodAffinityTerm` (DVP calls it `virtualMachineAndPodAffinityTerm`). */
export const PodAffinityTermSchema = z.object({
  labelSelector: LabelSelectorSchema.optional(),
  namespaceSelector: LabelSelectorSchema.optional(),
  namespaces: z.array(z.string()).optional(),
  topologyKey: z.string(),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
});

/** `corev1.PodAffinity` with DVP's renamed keys (`virtualMachineAndPodAffinityTerm`). */
export const VirtualMachineAndPodAffinitySchema = z.object({
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(
      z.object({
        virtualMachineAndPodAffinityTerm: PodAffinityTermSchema,
        weight: z.int().min(1).max(100),
      }),
    )
    .optional(),
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTermSchema).optional(),
});

/** The VM `affinity` block: Pod affinity with DVP's renamed keys. */
export const VirtualMachineAffinitySchema = z.object({
  nodeAffinity: NodeAffinitySchema.optional(),
  virtualMachineAndPodAffinity: VirtualMachineAndPodAffinitySchema.optional(),
  virtualMachineAndPodAntiAffinity: VirtualMachineAndPodAffinitySchema.optional(),
});
export type VirtualMachineAffinity = z.infer<typeof VirtualMachineAffinitySchema>;

/** `corev1.TopologySpreadConstraint`. */
export const TopologySpreadConstraintSchema = z.object({
  labelSelector: LabelSelectorSchema.optional(),
  maxSkew: z.int(),
  topologyKey: z.string(),
  whenUnsatisfiable: z.string(),
});

/** `corev1.TopologySpreadConstraint` with the fields added after v1.25 (pool templates). */
export const TopologySpreadConstraintFullSchema = TopologySpreadConstraintSchema.extend({
  matchLabelKeys: z.array(z.string()).optional(),
  minDomains: z.int().optional(),
  nodeAffinityPolicy: z.string().optional(),
  nodeTaintsPolicy: z.string().optional(),
});

/** `corev1.LocalObjectReference`. */
export const LocalObjectReferenceSchema = z.object({ name: z.string().optional() });

/** `corev1.ObjectReference`. */
export const ObjectReferenceSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
});
export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;

/** The Kubernetes quantity pattern used by CRDs for `x-kubernetes-int-or-string` quantities. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** A resource quantity (`1Gi`, `500m`, `2`): int-or-string, strings must match the pattern. */
export const QuantitySchema = z.union([z.int(), patternString(QUANTITY_PATTERN)]);
export type Quantity = z.infer<typeof QuantitySchema>;

/** `intstr.IntOrString` without a pattern (ports, percentages). */
export const IntOrStringSchema = z.union([z.int(), z.string()]);

/** Any JSON object whose fields are kept as sent (`x-kubernetes-preserve-unknown-fields`). */
export const PreservedObjectSchema = z.record(z.string(), z.unknown());
