/**
 * The computed printer columns of the core kinds: what `kubectl get` shows for nodes, pods,
 * services, endpoints and secrets, which no single JSONPath expresses.
 */
import type { PrinterColumn } from '../resources.ts';

export const age: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

const conditionStatus =
  (type: string) =>
  (obj: Record<string, unknown>): unknown => {
    const conds = (obj.status as { conditions?: { type: string; status: string }[] } | undefined)
      ?.conditions;
    return conds?.find((c) => c.type === type)?.status;
  };

export function nodeStatus(obj: Record<string, unknown>): string {
  const ready = conditionStatus('Ready')(obj);
  const unschedulable = (obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
  const base = ready === 'True' ? 'Ready' : ready === undefined ? 'Unknown' : 'NotReady';
  return unschedulable ? `${base},SchedulingDisabled` : base;
}

export function nodeRoles(obj: Record<string, unknown>): string {
  const labels = (obj.metadata as { labels?: Record<string, string> }).labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

export function servicePorts(obj: Record<string, unknown>): string {
  const ports =
    (obj.spec as { ports?: { port: number; protocol?: string; nodePort?: number }[] } | undefined)
      ?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

export function externalIp(obj: Record<string, unknown>): string {
  const spec = obj.spec as { type?: string; externalIPs?: string[] } | undefined;
  const ingress = (obj.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)
    ?.loadBalancer?.ingress;
  const ips = [...(ingress?.map((i) => i.ip ?? '') ?? []), ...(spec?.externalIPs ?? [])].filter(
    Boolean,
  );
  if (ips.length) return ips.join(',');
  return spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

export function endpointsText(obj: Record<string, unknown>): string {
  const subsets =
    (obj.subsets as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ??
    [];
  const items = subsets.flatMap((s) =>
    (s.addresses ?? []).flatMap((a) =>
      s.ports?.length ? s.ports.map((p) => `${a.ip}:${p.port}`) : [a.ip],
    ),
  );
  if (!items.length) return '<none>';
  return items.length > 3
    ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`
    : items.join(',');
}

export function sliceEndpoints(obj: Record<string, unknown>): string {
  const eps = (obj.endpoints as { addresses?: string[] }[] | undefined) ?? [];
  const ips = eps.flatMap((e) => e.addresses ?? []);
  if (!ips.length) return '<unset>';
  return ips.length > 3
    ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...`
    : ips.join(',');
}

export function slicePorts(obj: Record<string, unknown>): string {
  const ports = (obj.ports as { port?: number }[] | undefined) ?? [];
  return ports.length ? ports.map((p) => p.port ?? '<unset>').join(',') : '<unset>';
}

export function secretDataCount(obj: Record<string, unknown>): number {
  return Object.keys((obj.data as Record<string, unknown> | undefined) ?? {}).length;
}

interface PodView {
  metadata?: { deletionTimestamp?: string };
  spec?: { containers?: unknown[]; nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    containerStatuses?: { ready?: boolean; restartCount?: number }[];
  };
}

/** `READY` of `kubectl get pods`: ready containers / containers. */
export function podReady(obj: Record<string, unknown>): string {
  const p = obj as PodView;
  const total = p.spec?.containers?.length ?? 0;
  const ready = (p.status?.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

/** `STATUS` of `kubectl get pods`: the phase, a reason, or Terminating. */
export function podStatus(obj: Record<string, unknown>): string {
  const p = obj as PodView;
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  return p.status?.reason ?? p.status?.phase ?? 'Unknown';
}

export function podRestarts(obj: Record<string, unknown>): number {
  return ((obj as PodView).status?.containerStatuses ?? []).reduce(
    (n, c) => n + (c.restartCount ?? 0),
    0,
  );
}
