import type { Store } from '../storage/store.ts';
import type { KubeObject } from '../types.ts';

/**
 * What kube-apiserver's registry strategies do to built-in kinds on create: defaults that are
 * not part of any schema (a namespace's finalizer and phase, a service's cluster IP).
 */
export function prepareForCreate(storage: string, obj: KubeObject, store: Store): void {
  switch (storage) {
    case 'core/namespaces': {
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name ?? '',
      };
      break;
    }
    case 'core/secrets':
      if (!obj.type) obj.type = 'Opaque';
      break;
    case 'core/services': {
      const spec = (obj.spec ?? {}) as { type?: string; clusterIP?: string; clusterIPs?: string[] };
      spec.type ??= 'ClusterIP';
      if (!spec.clusterIP && spec.type !== 'ExternalName') {
        spec.clusterIP = allocateClusterIp(store);
        spec.clusterIPs = [spec.clusterIP];
      }
      obj.spec = spec;
      break;
    }
    default:
  }
}

/** The next free address in the service range 10.96.0.0/16 (10.96.0.1 is the API service). */
function allocateClusterIp(store: Store): string {
  const used = new Set<string>();
  for (const s of store.list('core/services')) {
    const ip = (s.obj.spec as { clusterIP?: string } | undefined)?.clusterIP;
    if (ip) used.add(ip);
  }
  for (let i = 10; i < 65_534; i++) {
    const ip = `10.96.${i >> 8}.${i & 255}`;
    if (!used.has(ip)) return ip;
  }
  throw new Error('service IP range exhausted');
}
