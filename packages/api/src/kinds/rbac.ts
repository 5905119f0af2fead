import { z } from 'zod';

import { LabelSelectorSchema } from '../meta.ts';
import { kubeObject } from './common.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';

/** `rbacv1.PolicyRule`. */
export const PolicyRuleSchema = z.object({
  verbs: z.array(z.string()),
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
});
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

/** `rbacv1.Subject`. */
export const SubjectSchema = z.object({
  kind: z.enum(['User', 'Group', 'ServiceAccount']),
  apiGroup: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** `rbacv1.RoleRef`. */
export const RoleRefSchema = z.object({
  apiGroup: z.string(),
  kind: z.enum(['Role', 'ClusterRole']),
  name: z.string(),
});

/** `Role`. */
export const RoleSchema = kubeObject(RBAC, 'Role', {
  rules: z.array(PolicyRuleSchema).optional(),
});
export type Role = z.infer<typeof RoleSchema>;

/** `ClusterRole`; DVP's use-roles aggregate through `aggregationRule`. */
export const ClusterRoleSchema = kubeObject(RBAC, 'ClusterRole', {
  rules: z.array(PolicyRuleSchema).optional(),
  aggregationRule: z
    .object({ clusterRoleSelectors: z.array(LabelSelectorSchema).optional() })
    .optional(),
});
export type ClusterRole = z.infer<typeof ClusterRoleSchema>;

/** `RoleBinding`. */
export const RoleBindingSchema = kubeObject(RBAC, 'RoleBinding', {
  subjects: z.array(SubjectSchema).optional(),
  roleRef: RoleRefSchema,
});
export type RoleBinding = z.infer<typeof RoleBindingSchema>;

/** `ClusterRoleBinding`. */
export const ClusterRoleBindingSchema = kubeObject(RBAC, 'ClusterRoleBinding', {
  subjects: z.array(SubjectSchema).optional(),
  roleRef: RoleRefSchema,
});
export type ClusterRoleBinding = z.infer<typeof ClusterRoleBindingSchema>;
