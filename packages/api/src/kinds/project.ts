import { z } from 'zod';

import { kubeObject } from './common.ts';

/** `status.state` of a Project. */
export const PROJECT_STATES = ['Error', 'Deploying', 'Deployed'] as const;

/**
 * `Project` (deckhouse.io/v1alpha2, cluster-scoped, multitenancy-manager; dvp-api.md §18).
 * Creating Project `X` creates Namespace `X`. `parameters` are validated by the project
 * template's own schema, so they are stored as sent.
 */
export const ProjectSchema = kubeObject('deckhouse.io/v1alpha2', 'Project', {
  spec: z
    .object({
      description: z.string().optional(),
      projectTemplateName: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  status: z
    .object({
      state: z.enum(PROJECT_STATES).optional(),
      conditions: z
        .array(
          z.object({
            type: z.string(),
            status: z.string(),
            message: z.string().optional(),
            lastTransitionTime: z.string().optional(),
            lastProbeTime: z.string().optional(),
          }),
        )
        .optional(),
      namespaces: z
        .array(z.object({ name: z.string(), kind: z.enum(['Main', 'Additional']).optional() }))
        .optional(),
      observedGeneration: z.int().optional(),
      templateGeneration: z.int().optional(),
    })
    .optional(),
});
export type Project = z.infer<typeof ProjectSchema>;
