/** The data the VM class pages share: the VMs of a class, and what the nodes advertise. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { KubeObject, VmPlacement } from '@dvp/api';
import { api } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { getStreamClient, useWatch } from '../../api/watch.ts';

/** Node label prefixes of the CPU models and instructions a node offers (dvp-api.md §19). */
export const CPU_MODEL_LABEL = 'cpu-model.node.virtualization.deckhouse.io/';
export const CPU_FEATURE_LABEL = 'cpu-feature.node.virtualization.deckhouse.io/';

/** Keeps several stream topics subscribed (one effect instead of one hook per topic). */
function useTopics(topics: readonly string[]): void {
  const joined = topics.join(',');
  useEffect(() => {
    const client = getStreamClient();
    if (!client || !joined) return;
    const offs = joined.split(',').map((topic) => client.watch(topic));
    return () => offs.forEach((off) => off());
  }, [joined]);
}

export interface ClassVms {
  vms: VmPlacement[];
  pending: boolean;
  error: unknown;
  /** The projects included when the user may not list VMs cluster-wide. */
  namespaces?: string[];
}

/**
 * The VMs whose `spec.virtualMachineClassName` is `className`, from the cluster-wide placement
 * list (kept live by the VM stream: the whole cluster, or the user's projects).
 */
export function useClassVms(className: string): ClassVms {
  const res = useQuery(q(api.vmPlacementList, {}));
  const namespaces = res.data?.namespaces;
  useTopics(
    namespaces
      ? namespaces.map((ns) => `virtualmachines/${ns}`)
      : res.data
        ? ['virtualmachines']
        : [],
  );
  const vms = useMemo(
    () =>
      (res.data?.items ?? [])
        .filter((v) => v.className === className)
        .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    [res.data, className],
  );
  return {
    vms,
    pending: res.isPending,
    error: res.error,
    ...(namespaces ? { namespaces } : {}),
  };
}

export interface NodeCpu {
  nodes: KubeObject[];
  /** CPU models any node advertises, sorted. */
  models: string[];
  /** CPU instructions any node advertises, sorted. */
  features: string[];
  /** Every label key on the nodes, with the values seen (for selector suggestions). */
  labels: Map<string, Set<string>>;
  pending: boolean;
}

function suffixes(nodes: readonly KubeObject[], prefix: string): string[] {
  const out = new Set<string>();
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
      if (k.startsWith(prefix) && v === 'true') out.add(k.slice(prefix.length));
    }
  }
  return [...out].sort((a, b) => a.localeCompare(b));
}

/** The nodes and the CPU models and instructions their labels advertise. */
export function useNodeCpu(): NodeCpu {
  useWatch('nodes');
  const res = useQuery(q(api.clusterResourceList, { resource: 'nodes' }, { limit: 500 }));
  return useMemo(() => {
    const nodes = res.data?.items ?? [];
    const labels = new Map<string, Set<string>>();
    for (const n of nodes) {
      for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
        const set = labels.get(k) ?? new Set<string>();
        set.add(v);
        labels.set(k, set);
      }
    }
    return {
      nodes,
      models: suffixes(nodes, CPU_MODEL_LABEL),
      features: suffixes(nodes, CPU_FEATURE_LABEL),
      labels,
      pending: res.isPending,
    };
  }, [res.data, res.isPending]);
}
