import type { KubeObject } from '@dvp/api';
import type { Stack } from './harness.ts';

/** Seeding helpers for the data API tests (objects are written as admin, straight to the sandbox). */

export const DVP = 'virtualization.deckhouse.io/v1alpha2';
export const dvpPath = (ns: string, plural: string, name = '') =>
  `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${ns}/${plural}${name ? `/${name}` : ''}`;

export interface VmOptions {
  cores?: number;
  coreFraction?: string;
  memory?: string;
  labels?: Record<string, string>;
  className?: string;
  disks?: string[];
  images?: { kind: 'VirtualImage' | 'ClusterVirtualImage'; name: string }[];
  ipAddressName?: string;
}

/** A valid VirtualMachine body (what the console's create form sends). */
export function vmBody(name: string, o: VmOptions = {}): Record<string, unknown> {
  return {
    apiVersion: DVP,
    kind: 'VirtualMachine',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      virtualMachineClassName: o.className ?? 'generic',
      runPolicy: 'Manual',
      cpu: { cores: o.cores ?? 1, coreFraction: o.coreFraction ?? '10%' },
      memory: { size: o.memory ?? '256Mi' },
      blockDeviceRefs: [
        ...(o.disks ?? [`${name}-root`]).map((d) => ({ kind: 'VirtualDisk', name: d })),
        ...(o.images ?? []),
      ],
      ...(o.ipAddressName ? { virtualMachineIPAddressName: o.ipAddressName } : {}),
    },
  };
}

export function seedVm(stack: Stack, ns: string, name: string, o: VmOptions = {}) {
  return stack.kube<KubeObject>('admin', {
    method: 'POST',
    path: dvpPath(ns, 'virtualmachines'),
    body: vmBody(name, o),
  });
}

/** Writes `status` through the status subresource (nothing reconciles in an API-only sandbox). */
export function setStatus(
  stack: Stack,
  ns: string,
  plural: string,
  name: string,
  status: Record<string, unknown>,
) {
  return stack.kube<KubeObject>('admin', {
    method: 'PATCH',
    path: `${dvpPath(ns, plural, name)}/status`,
    body: { status },
    contentType: 'application/merge-patch+json',
  });
}

export function seed(stack: Stack, ns: string, plural: string, body: Record<string, unknown>) {
  return stack.kube<KubeObject>('admin', {
    method: 'POST',
    path: dvpPath(ns, plural),
    body: { apiVersion: DVP, ...body },
  });
}

/** Sum of upstream requests with `method` the BFF made so far (from its metrics). */
export async function upstreamCount(stack: Stack, method: string): Promise<number> {
  const m = await stack.ctx.metrics.upstreamDuration.get();
  return m.values
    .filter((v) => v.metricName?.endsWith('_count') && v.labels.method === method)
    .reduce((n, v) => n + v.value, 0);
}
