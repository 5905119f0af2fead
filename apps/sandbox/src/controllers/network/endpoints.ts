import type { KubeObject } from '../../apiserver/types.ts';
import { isNotFound, refOf, type ResourceRef } from '../runtime/client.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { splitKey, type Informer } from '../runtime/informer.ts';
import { VM_REF, phaseOf } from './common.ts';

const SERVICE_REF = refOf('', 'Service');
const ENDPOINTS_REF = refOf('', 'Endpoints');
const SLICE_REF = refOf('discovery.k8s.io', 'EndpointSlice');
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

interface ServiceSpec {
  selector?: Record<string, string>;
  clusterIP?: string;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
}

/** JSON with object keys sorted, for comparing what is stored with what is wanted. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** True when every selector pair is among the labels (an empty selector selects nothing). */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => labels?.[k] === v);
}

/**
 * Endpoints and EndpointSlices of Services with a selector, from the VMs it selects (what
 * kube's endpoint controllers do for pods; in DVP VM labels land on the virt-launcher pod):
 * Running or Migrating VMs with an address are ready endpoints (IP = `status.ipAddress`,
 * `targetRef` = the VM). Traffic is not forwarded into guests: this says which VMs a Service
 * reaches.
 */
export class EndpointsController extends Controller {
  private services!: Informer;
  private vms!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'endpoints');
  }

  setup(): void {
    this.services = this.ctx.informers.for(SERVICE_REF);
    this.vms = this.ctx.informers.for(VM_REF);
    this.services.addHandler(this.self());
    const byNs = (vm: KubeObject) => {
      for (const s of this.services.list(vm.metadata.namespace)) this.enqueue(s);
    };
    this.vms.addHandler({ add: byNs, update: byNs, delete: byNs });
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(name, namespace);
    if (!svc || svc.metadata.deletionTimestamp) {
      await this.ctx.client.delete(ENDPOINTS_REF, name, namespace);
      return;
    }
    const spec = (svc.spec ?? {}) as ServiceSpec;
    if (!spec.selector || Object.keys(spec.selector).length === 0) return; // user-managed
    const vms = this.vms
      .list(namespace)
      .filter((vm) => !vm.metadata.deletionTimestamp && selects(spec.selector, vm.metadata.labels))
      .map((vm) => ({
        vm,
        ip: (vm.status as { ipAddress?: string } | undefined)?.ipAddress,
        node: (vm.status as { nodeName?: string } | undefined)?.nodeName,
      }))
      .filter(
        (e): e is typeof e & { ip: string } =>
          !!e.ip && ['Running', 'Migrating'].includes(phaseOf(e.vm)),
      )
      .sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }));
    const ports = (spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const targetRef = (vm: KubeObject) => ({
      kind: 'VirtualMachine',
      apiVersion: vm.apiVersion,
      name: vm.metadata.name,
      namespace: vm.metadata.namespace,
      uid: vm.metadata.uid,
    });
    const labels = {
      ...(svc.metadata.labels ?? {}),
      ...(spec.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
    };
    await this.put(ENDPOINTS_REF, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace, labels },
      subsets: vms.length
        ? [
            {
              addresses: vms.map((e) => ({
                ip: e.ip,
                ...(e.node ? { nodeName: e.node } : {}),
                targetRef: targetRef(e.vm),
              })),
              ...(ports.length ? { ports } : {}),
            },
          ]
        : [],
    });
    await this.put(SLICE_REF, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${name}-${(svc.metadata.uid ?? '').slice(0, 5)}`,
        namespace,
        labels: {
          ...labels,
          [SERVICE_NAME_LABEL]: name,
          [MANAGED_BY]: 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name,
            uid: svc.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: vms.map((e) => ({
        addresses: [e.ip],
        conditions: { ready: true, serving: true, terminating: false },
        ...(e.node ? { nodeName: e.node } : {}),
        targetRef: targetRef(e.vm),
      })),
      ports,
    });
  }

  /** Creates or replaces an object when its content differs from what is stored. */
  private async put(ref: ResourceRef, obj: KubeObject): Promise<void> {
    const { name, namespace } = obj.metadata;
    const cur = await this.ctx.client.get(ref, name ?? '', namespace);
    if (!cur) {
      await this.ctx.client.create(ref, obj);
      return;
    }
    const strip = (o: KubeObject) => {
      const { metadata, apiVersion: _a, kind: _k, ...rest } = o;
      return canonical([metadata.labels ?? {}, rest]);
    };
    if (strip(cur) === strip(obj)) return;
    try {
      await this.ctx.client.update(ref, {
        ...obj,
        metadata: {
          ...cur.metadata,
          labels: obj.metadata.labels,
          ...(obj.metadata.ownerReferences
            ? { ownerReferences: obj.metadata.ownerReferences }
            : {}),
        },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.enqueue(`${namespace}/${name}`);
    }
  }
}
