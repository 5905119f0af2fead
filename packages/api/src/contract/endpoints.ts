import { z } from 'zod';
import type { VirtualMachine } from '../kinds/vm.ts';
import type { VirtualMachineOperation } from '../kinds/vmop.ts';
import type { ObjectMeta } from '../meta.ts';
import type { Status } from '../status.ts';
import type { Me, SandboxUserChoice, SessionUser, AuthMode } from './access.ts';
import { endpoint } from './endpoint.ts';
import { ListQuerySchema, type ListPage } from './list.ts';
import { ClusterResourceSchema, NamespacedResourceSchema } from './resources.ts';
import type { VmRow } from './rows.ts';
import type { StreamTopicsBody } from './stream.ts';
import { consoleEndpoints } from './consoles.ts';
import { catalogueEndpoints } from './catalogue.ts';
import { placementEndpoints } from './placement.ts';
import { uploadEndpoints } from './uploads.ts';
import type { ProjectSummary, VmDetail } from './views.ts';

/**
 * The BFF's HTTP API (style.md §5.1). Names follow `resourceVerb`; the console's client method
 * and query key use the same names. Kubernetes objects pass through unchanged; errors are
 * Kubernetes `Status` objects.
 */

/** Any Kubernetes object as the API returns it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
} & Record<string, unknown>;

const name = z.string().min(1).max(253);
const Namespace = z.object({ namespace: name });
const Named = z.object({ namespace: name, name });
const NoParams = z.object({});
const NoQuery = z.object({});
const DryRunQuery = z.object({ dryRun: z.enum(['All']).optional() });

/** Kinds served by the generic endpoints (VMs have their own). */
export const GenericResourceSchema = NamespacedResourceSchema.exclude(['virtualmachines']);
export type GenericResource = z.infer<typeof GenericResourceSchema>;

/** A create body: a Kubernetes object; `apiVersion` and `kind` default to the endpoint's kind. */
export const ObjectBodySchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.looseObject({
    name: z.string().optional(),
    generateName: z.string().optional(),
  }),
});

/**
 * A JSON merge patch. It must carry the `metadata.resourceVersion` the user edited, so a stale
 * edit is a 409 Conflict and never silently overwrites someone else's change.
 */
export const MergePatchBodySchema = z.looseObject({
  metadata: z.looseObject({
    resourceVersion: z.string().min(1, 'must be the resourceVersion of the object you edited'),
  }),
});

/** VM lifecycle actions (each creates a VirtualMachineOperation as the user). */
export const VM_ACTIONS = ['start', 'stop', 'restart', 'migrate', 'evict'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

export const VmActionBodySchema = z.strictObject({
  /** Stop/Restart: power off instead of asking the guest. Start/Migrate: skip waiting. */
  force: z.boolean().optional(),
  /** Migrate: the node to move to (otherwise the scheduler picks one). */
  targetNodeName: z.string().min(1).max(253).optional(),
});

/** What `GET /api/session` answers. */
export interface SessionInfo {
  authenticated: boolean;
  authMode: AuthMode;
  user?: SessionUser;
  csrfToken?: string;
  /** Embedded mode: the sandbox's example users one may switch to. */
  sandboxUsers?: SandboxUserChoice[];
}

export const SessionCreateBodySchema = z.union([
  z.strictObject({ token: z.string().min(1).max(16384) }),
  z.strictObject({ user: z.string().min(1).max(253) }),
]);

export const StreamTopicsBodySchema = z.strictObject({
  topics: z.array(z.string().min(1).max(512)).max(256),
}) satisfies z.ZodType<StreamTopicsBody>;

const base = '/api/v1';
const nsPath = `${base}/namespaces/:namespace`;
const vmPath = `${nsPath}/virtualmachines/:name`;

export const endpoints = {
  sessionView: endpoint({
    name: 'sessionView',
    method: 'GET',
    path: '/api/session',
    params: NoParams,
    query: NoQuery,
  }).response<SessionInfo>(),
  sessionCreate: endpoint({
    name: 'sessionCreate',
    method: 'POST',
    path: '/api/session',
    params: NoParams,
    query: NoQuery,
    body: SessionCreateBodySchema,
  }).response<SessionInfo>(),
  sessionDelete: endpoint({
    name: 'sessionDelete',
    method: 'DELETE',
    path: '/api/session',
    params: NoParams,
    query: NoQuery,
  }).response<SessionInfo>(),
  me: endpoint({
    name: 'me',
    method: 'GET',
    path: '/api/me',
    params: NoParams,
    query: z.object({ namespace: name.optional() }),
  }).response<Me>(),

  projectList: endpoint({
    name: 'projectList',
    method: 'GET',
    path: `${base}/projects`,
    params: NoParams,
    query: NoQuery,
  }).response<{ items: ProjectSummary[] }>(),

  vmList: endpoint({
    name: 'vmList',
    method: 'GET',
    path: `${nsPath}/virtualmachines`,
    params: Namespace,
    query: ListQuerySchema,
  }).response<ListPage<VmRow>>(),
  vmView: endpoint({
    name: 'vmView',
    method: 'GET',
    path: vmPath,
    params: Named,
    query: NoQuery,
  }).response<VmDetail>(),
  vmCreate: endpoint({
    name: 'vmCreate',
    method: 'POST',
    path: `${nsPath}/virtualmachines`,
    params: Namespace,
    query: DryRunQuery,
    body: ObjectBodySchema,
  }).response<VirtualMachine>(),
  vmPatch: endpoint({
    name: 'vmPatch',
    method: 'PATCH',
    path: vmPath,
    params: Named,
    query: DryRunQuery,
    body: MergePatchBodySchema,
  }).response<VirtualMachine>(),
  vmDelete: endpoint({
    name: 'vmDelete',
    method: 'DELETE',
    path: vmPath,
    params: Named,
    query: DryRunQuery,
  }).response<VirtualMachine | Status>(),
  vmAction: endpoint({
    name: 'vmAction',
    method: 'POST',
    path: `${vmPath}/actions/:action`,
    params: z.object({ namespace: name, name, action: z.enum(VM_ACTIONS) }),
    query: DryRunQuery,
    body: VmActionBodySchema,
  }).response<VirtualMachineOperation>(),

  resourceList: endpoint({
    name: 'resourceList',
    method: 'GET',
    path: `${nsPath}/:resource`,
    params: z.object({ namespace: name, resource: GenericResourceSchema }),
    query: ListQuerySchema,
  }).response<ListPage<KubeObject>>(),
  resourceView: endpoint({
    name: 'resourceView',
    method: 'GET',
    path: `${nsPath}/:resource/:name`,
    params: z.object({ namespace: name, resource: GenericResourceSchema, name }),
    query: NoQuery,
  }).response<KubeObject>(),
  resourceCreate: endpoint({
    name: 'resourceCreate',
    method: 'POST',
    path: `${nsPath}/:resource`,
    params: z.object({ namespace: name, resource: GenericResourceSchema }),
    query: DryRunQuery,
    body: ObjectBodySchema,
  }).response<KubeObject>(),
  resourcePatch: endpoint({
    name: 'resourcePatch',
    method: 'PATCH',
    path: `${nsPath}/:resource/:name`,
    params: z.object({ namespace: name, resource: GenericResourceSchema, name }),
    query: DryRunQuery,
    body: MergePatchBodySchema,
  }).response<KubeObject>(),
  resourceDelete: endpoint({
    name: 'resourceDelete',
    method: 'DELETE',
    path: `${nsPath}/:resource/:name`,
    params: z.object({ namespace: name, resource: GenericResourceSchema, name }),
    query: DryRunQuery,
  }).response<KubeObject | Status>(),

  clusterResourceList: endpoint({
    name: 'clusterResourceList',
    method: 'GET',
    path: `${base}/cluster/:resource`,
    params: z.object({ resource: ClusterResourceSchema }),
    query: ListQuerySchema,
  }).response<ListPage<KubeObject>>(),
  clusterResourceView: endpoint({
    name: 'clusterResourceView',
    method: 'GET',
    path: `${base}/cluster/:resource/:name`,
    params: z.object({ resource: ClusterResourceSchema, name }),
    query: NoQuery,
  }).response<KubeObject>(),
  clusterResourceCreate: endpoint({
    name: 'clusterResourceCreate',
    method: 'POST',
    path: `${base}/cluster/:resource`,
    params: z.object({ resource: ClusterResourceSchema }),
    query: DryRunQuery,
    body: ObjectBodySchema,
  }).response<KubeObject>(),
  clusterResourcePatch: endpoint({
    name: 'clusterResourcePatch',
    method: 'PATCH',
    path: `${base}/cluster/:resource/:name`,
    params: z.object({ resource: ClusterResourceSchema, name }),
    query: DryRunQuery,
    body: MergePatchBodySchema,
  }).response<KubeObject>(),
  clusterResourceDelete: endpoint({
    name: 'clusterResourceDelete',
    method: 'DELETE',
    path: `${base}/cluster/:resource/:name`,
    params: z.object({ resource: ClusterResourceSchema, name }),
    query: DryRunQuery,
  }).response<KubeObject | Status>(),

  streamTopicsUpdate: endpoint({
    name: 'streamTopicsUpdate',
    method: 'PUT',
    path: `${base}/stream/:streamId/topics`,
    params: z.object({ streamId: z.string().min(1).max(64) }),
    query: NoQuery,
    body: StreamTopicsBodySchema,
  }).response<StreamTopicsBody>(),

  // ---- Image uploads (raw PATCH/HEAD are documented in uploads.ts) ----
  ...uploadEndpoints,
  ...consoleEndpoints,
  ...placementEndpoints,
  ...catalogueEndpoints,
};

export type ApiEndpoints = typeof endpoints;
export type EndpointName = keyof ApiEndpoints;

/** Paths that are not JSON request/response endpoints. */
export const STREAM_PATH = `${base}/stream`;
/** Websocket upgrades (and `?probe=true` as a plain GET): the serial console and VNC. */
export const CONSOLE_PATH = `${vmPath}/console`;
export const VNC_PATH = `${vmPath}/vnc`;
