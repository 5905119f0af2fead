import { z } from 'zod';

import { IntOrStringSchema, StringMapSchema } from '../meta.ts';
import { kubeObject } from './common.ts';

/** One `Service.spec.ports` entry. */
export const ServicePortSchema = z.object({
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
  port: z.int(),
  targetPort: IntOrStringSchema.optional(),
  nodePort: z.int().optional(),
});

const loadBalancerStatus = z.object({
  ingress: z
    .array(z.looseObject({ ip: z.string().optional(), hostname: z.string().optional() }))
    .optional(),
});

/** `Service` (v1): typed for publishing VM ports; other spec fields are kept as sent. */
export const ServiceSchema = kubeObject('v1', 'Service', {
  spec: z
    .looseObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
      selector: StringMapSchema.optional(),
      ports: z.array(ServicePortSchema).optional(),
      clusterIP: z.string().optional(),
      clusterIPs: z.array(z.string()).optional(),
      externalIPs: z.array(z.string()).optional(),
      externalName: z.string().optional(),
      sessionAffinity: z.string().optional(),
    })
    .optional(),
  status: z.looseObject({ loadBalancer: loadBalancerStatus.optional() }).optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

const ServiceBackendSchema = z.object({
  name: z.string(),
  port: z.object({ name: z.string().optional(), number: z.int().optional() }).optional(),
});

const IngressBackendSchema = z.object({
  service: ServiceBackendSchema.optional(),
  resource: z
    .object({ apiGroup: z.string().optional(), kind: z.string(), name: z.string() })
    .optional(),
});

/** `Ingress` (networking.k8s.io/v1). */
export const IngressSchema = kubeObject('networking.k8s.io/v1', 'Ingress', {
  spec: z
    .object({
      ingressClassName: z.string().optional(),
      defaultBackend: IngressBackendSchema.optional(),
      tls: z
        .array(
          z.object({ hosts: z.array(z.string()).optional(), secretName: z.string().optional() }),
        )
        .optional(),
      rules: z
        .array(
          z.object({
            host: z.string().optional(),
            http: z
              .object({
                paths: z.array(
                  z.object({
                    path: z.string().optional(),
                    pathType: z.enum(['Exact', 'Prefix', 'ImplementationSpecific']),
                    backend: IngressBackendSchema,
                  }),
                ),
              })
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  status: z.looseObject({ loadBalancer: loadBalancerStatus.optional() }).optional(),
});
export type Ingress = z.infer<typeof IngressSchema>;
