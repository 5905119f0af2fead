import { z } from 'zod';

import { kubeObject } from './common.ts';

/**
 * Review kinds: posted by clients, answered by the server, never stored. The console gates UI
 * actions with `SelfSubjectAccessReview` per verb/resource (dvp-api.md §15).
 */

const AUTHZ = 'authorization.k8s.io/v1';

/** `authorizationv1.ResourceAttributes`. */
export const ResourceAttributesSchema = z.object({
  namespace: z.string().optional(),
  verb: z.string().optional(),
  group: z.string().optional(),
  version: z.string().optional(),
  resource: z.string().optional(),
  subresource: z.string().optional(),
  name: z.string().optional(),
  fieldSelector: z.looseObject({}).optional(),
  labelSelector: z.looseObject({}).optional(),
});
export type ResourceAttributes = z.infer<typeof ResourceAttributesSchema>;

/** `authorizationv1.NonResourceAttributes`. */
export const NonResourceAttributesSchema = z.object({
  path: z.string().optional(),
  verb: z.string().optional(),
});

/** `SubjectAccessReviewStatus`. */
export const SubjectAccessReviewStatusSchema = z.object({
  allowed: z.boolean(),
  denied: z.boolean().optional(),
  reason: z.string().optional(),
  evaluationError: z.string().optional(),
});

const selfSpec = z.object({
  resourceAttributes: ResourceAttributesSchema.optional(),
  nonResourceAttributes: NonResourceAttributesSchema.optional(),
});

const subjectSpec = selfSpec.extend({
  user: z.string().optional(),
  groups: z.array(z.string()).optional(),
  extra: z.record(z.string(), z.array(z.string())).optional(),
  uid: z.string().optional(),
});

/** `SelfSubjectAccessReview`: "may I do this?". */
export const SelfSubjectAccessReviewSchema = kubeObject(AUTHZ, 'SelfSubjectAccessReview', {
  spec: selfSpec,
  status: SubjectAccessReviewStatusSchema.optional(),
});
export type SelfSubjectAccessReview = z.infer<typeof SelfSubjectAccessReviewSchema>;

/** `SubjectAccessReview`: "may this user do this?". */
export const SubjectAccessReviewSchema = kubeObject(AUTHZ, 'SubjectAccessReview', {
  spec: subjectSpec,
  status: SubjectAccessReviewStatusSchema.optional(),
});
export type SubjectAccessReview = z.infer<typeof SubjectAccessReviewSchema>;

/** `LocalSubjectAccessReview`: a SubjectAccessReview scoped to one namespace. */
export const LocalSubjectAccessReviewSchema = kubeObject(AUTHZ, 'LocalSubjectAccessReview', {
  spec: subjectSpec,
  status: SubjectAccessReviewStatusSchema.optional(),
});
export type LocalSubjectAccessReview = z.infer<typeof LocalSubjectAccessReviewSchema>;

/** `SelfSubjectRulesReview`: everything the caller may do in a namespace. */
export const SelfSubjectRulesReviewSchema = kubeObject(AUTHZ, 'SelfSubjectRulesReview', {
  spec: z.object({ namespace: z.string().optional() }),
  status: z
    .object({
      resourceRules: z
        .array(
          z.object({
            verbs: z.array(z.string()),
            apiGroups: z.array(z.string()).optional(),
            resources: z.array(z.string()).optional(),
            resourceNames: z.array(z.string()).optional(),
          }),
        )
        .default([]),
      nonResourceRules: z
        .array(
          z.object({ verbs: z.array(z.string()), nonResourceURLs: z.array(z.string()).optional() }),
        )
        .default([]),
      incomplete: z.boolean().default(false),
      evaluationError: z.string().optional(),
    })
    .optional(),
});
export type SelfSubjectRulesReview = z.infer<typeof SelfSubjectRulesReviewSchema>;

/** `UserInfo` as reported by reviews. */
export const UserInfoSchema = z.object({
  username: z.string().optional(),
  uid: z.string().optional(),
  groups: z.array(z.string()).optional(),
  extra: z.record(z.string(), z.array(z.string())).optional(),
});
export type UserInfo = z.infer<typeof UserInfoSchema>;

/** `SelfSubjectReview` (authentication.k8s.io/v1): "who am I?". */
export const SelfSubjectReviewSchema = kubeObject('authentication.k8s.io/v1', 'SelfSubjectReview', {
  status: z.object({ userInfo: UserInfoSchema.optional() }).optional(),
});
export type SelfSubjectReview = z.infer<typeof SelfSubjectReviewSchema>;
