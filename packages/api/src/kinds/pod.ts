import { z } from 'zod';

import { kubeObject } from './common.ts';

/**
 * `Pod` (v1), minimal: the sandbox runs no containers, so its only pods are the virt-launcher
 * mirrors of running guests. The fields `kubectl get pods` / `kubectl drain` and the console read
 * are typed; everything else is kept as sent (loose objects).
 */

const PodConditionSchema = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastProbeTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
});

const ContainerSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  resources: z
    .looseObject({
      requests: z.record(z.string(), z.string()).optional(),
      limits: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

const ContainerStatusSchema = z.looseObject({
  name: z.string(),
  ready: z.boolean(),
  restartCount: z.int(),
  image: z.string().optional(),
  imageID: z.string().optional(),
  containerID: z.string().optional(),
  started: z.boolean().optional(),
  state: z.looseObject({}).optional(),
});

/** `Pod` (v1): metadata, the node it runs on, its containers and its phase/IP/conditions. */
export const PodSchema = kubeObject('v1', 'Pod', {
  spec: z
    .looseObject({
      nodeName: z.string().optional(),
      containers: z.array(ContainerSchema).optional(),
      restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
      hostname: z.string().optional(),
      serviceAccountName: z.string().optional(),
      terminationGracePeriodSeconds: z.int().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']).optional(),
      conditions: z.array(PodConditionSchema).optional(),
      hostIP: z.string().optional(),
      podIP: z.string().optional(),
      podIPs: z.array(z.object({ ip: z.string() })).optional(),
      startTime: z.string().optional(),
      containerStatuses: z.array(ContainerStatusSchema).optional(),
      qosClass: z.string().optional(),
    })
    .optional(),
});
export type Pod = z.infer<typeof PodSchema>;

/** `Eviction` (policy/v1): the body of `POST pods/{name}/eviction`. */
export const EvictionSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }),
  deleteOptions: z
    .looseObject({
      dryRun: z.array(z.string()).optional(),
      gracePeriodSeconds: z.int().optional(),
    })
    .optional(),
});
export type Eviction = z.infer<typeof EvictionSchema>;
