import { z } from 'zod';

import { ObjectReferenceSchema, QuantitySchema, StringMapSchema } from '../meta.ts';
import { kubeObject } from './common.ts';

/**
 * Core (`v1`) kinds the product reads or writes. Fields the product uses are typed; the rest of
 * each object is kept as sent (loose objects), since kube-apiserver knows fields we do not model.
 */

/** `Namespace`. */
export const NamespaceSchema = kubeObject('v1', 'Namespace', {
  spec: z.object({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z
    .looseObject({
      phase: z.enum(['Active', 'Terminating']).optional(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
    })
    .optional(),
});
export type Namespace = z.infer<typeof NamespaceSchema>;

/** A node taint. */
export const TaintSchema = z.object({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  timeAdded: z.string().optional(),
});

/** Node conditions use the core (not metav1) condition shape. */
const NodeConditionSchema = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastHeartbeatTime: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

/** `Node`: typed where the console shows it (conditions, addresses, capacity, node info). */
export const NodeSchema = kubeObject('v1', 'Node', {
  spec: z
    .looseObject({
      podCIDR: z.string().optional(),
      providerID: z.string().optional(),
      unschedulable: z.boolean().optional(),
      taints: z.array(TaintSchema).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      conditions: z.array(NodeConditionSchema).optional(),
      addresses: z.array(z.object({ type: z.string(), address: z.string() })).optional(),
      capacity: z.record(z.string(), QuantitySchema).optional(),
      allocatable: z.record(z.string(), QuantitySchema).optional(),
      nodeInfo: z.looseObject({}).optional(),
    })
    .optional(),
});
export type Node = z.infer<typeof NodeSchema>;

/** Secret types the product creates or reads, including the two DVP provisioning types. */
export const SECRET_TYPES = [
  'Opaque',
  'kubernetes.io/service-account-token',
  'kubernetes.io/dockercfg',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'kubernetes.io/tls',
  'bootstrap.kubernetes.io/token',
  'provisioning.virtualization.deckhouse.io/cloud-init',
  'provisioning.virtualization.deckhouse.io/sysprep',
] as const;
/** A known Secret type, or any other string (kube-apiserver accepts arbitrary types). */
export type SecretType = (typeof SECRET_TYPES)[number] | (string & {});

/** `Secret`. `data` values are base64; `stringData` is write-only and merged by the server. */
export const SecretSchema = kubeObject('v1', 'Secret', {
  type: z.string().optional(),
  data: StringMapSchema.optional(),
  stringData: StringMapSchema.optional(),
  immutable: z.boolean().optional(),
});
export type Secret = z.infer<typeof SecretSchema>;

/** `ConfigMap`. */
export const ConfigMapSchema = kubeObject('v1', 'ConfigMap', {
  data: StringMapSchema.optional(),
  binaryData: StringMapSchema.optional(),
  immutable: z.boolean().optional(),
});
export type ConfigMap = z.infer<typeof ConfigMapSchema>;

const eventSeries = z.object({
  count: z.int().optional(),
  lastObservedTime: z.string().optional(),
});

/** `Event` (core/v1), the shape `kubectl get events` and the console read. */
export const EventSchema = kubeObject('v1', 'Event', {
  involvedObject: ObjectReferenceSchema,
  reason: z.string().optional(),
  message: z.string().optional(),
  source: z.object({ component: z.string().optional(), host: z.string().optional() }).optional(),
  firstTimestamp: z.string().optional(),
  lastTimestamp: z.string().optional(),
  count: z.int().optional(),
  type: z.string().optional(),
  eventTime: z.string().optional(),
  series: eventSeries.optional(),
  action: z.string().optional(),
  related: ObjectReferenceSchema.optional(),
  reportingComponent: z.string().optional(),
  reportingInstance: z.string().optional(),
});
export type Event = z.infer<typeof EventSchema>;

/** `Event` (events.k8s.io/v1), the newer event API (`note` instead of `message`). */
export const EventsV1EventSchema = kubeObject('events.k8s.io/v1', 'Event', {
  eventTime: z.string().optional(),
  series: eventSeries.optional(),
  reportingController: z.string().optional(),
  reportingInstance: z.string().optional(),
  action: z.string().optional(),
  reason: z.string().optional(),
  regarding: ObjectReferenceSchema.optional(),
  related: ObjectReferenceSchema.optional(),
  note: z.string().optional(),
  type: z.string().optional(),
  deprecatedSource: z
    .object({ component: z.string().optional(), host: z.string().optional() })
    .optional(),
  deprecatedFirstTimestamp: z.string().optional(),
  deprecatedLastTimestamp: z.string().optional(),
  deprecatedCount: z.int().optional(),
});
export type EventsV1Event = z.infer<typeof EventsV1EventSchema>;

/** `Lease` (coordination.k8s.io/v1); DVP uses it to track console/VNC sessions. */
export const LeaseSchema = kubeObject('coordination.k8s.io/v1', 'Lease', {
  spec: z
    .object({
      holderIdentity: z.string().optional(),
      leaseDurationSeconds: z.int().optional(),
      acquireTime: z.string().optional(),
      renewTime: z.string().optional(),
      leaseTransitions: z.int().optional(),
      strategy: z.string().optional(),
      preferredHolder: z.string().optional(),
    })
    .optional(),
});
export type Lease = z.infer<typeof LeaseSchema>;

const EndpointAddressSchema = z.looseObject({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: ObjectReferenceSchema.optional(),
});

const EndpointPortSchema = z.looseObject({
  name: z.string().optional(),
  port: z.int(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
});

/** `Endpoints` (v1): the ready (and not-ready) addresses a Service selects. */
export const EndpointsSchema = kubeObject('v1', 'Endpoints', {
  subsets: z
    .array(
      z.looseObject({
        addresses: z.array(EndpointAddressSchema).optional(),
        notReadyAddresses: z.array(EndpointAddressSchema).optional(),
        ports: z.array(EndpointPortSchema).optional(),
      }),
    )
    .optional(),
});
export type Endpoints = z.infer<typeof EndpointsSchema>;

/** `EndpointSlice` (discovery.k8s.io/v1): the newer form of a Service's endpoints. */
export const EndpointSliceSchema = kubeObject('discovery.k8s.io/v1', 'EndpointSlice', {
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z.array(
    z.looseObject({
      addresses: z.array(z.string()),
      conditions: z
        .looseObject({
          ready: z.boolean().optional(),
          serving: z.boolean().optional(),
          terminating: z.boolean().optional(),
        })
        .optional(),
      hostname: z.string().optional(),
      nodeName: z.string().optional(),
      targetRef: ObjectReferenceSchema.optional(),
    }),
  ),
  ports: z.array(EndpointPortSchema.extend({ port: z.int().optional() })).optional(),
});
export type EndpointSlice = z.infer<typeof EndpointSliceSchema>;
