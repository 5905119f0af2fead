import type { KubeObject } from '../../apiserver/types.ts';
import { diskFileOf, guestDiskId, imageFileOf } from '../../storage/resolve.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import type { Informer } from '../runtime/informer.ts';
import type { ResolvedDevice } from './guest-spec.ts';

const DVP = 'virtualization.deckhouse.io';
/** Label the network controller puts on the VMIP it creates for a VM. */
export const VM_UID_LABEL = 'virtualization.deckhouse.io/virtual-machine-uid';
/** Secret type of cloud-init user data. */
export const CLOUD_INIT_SECRET_TYPE = 'provisioning.virtualization.deckhouse.io/cloud-init';
const LOCAL_PROVISIONER = 'sandbox.deckhouse.io/local-path';

/** The informers the compute controllers read. */
export interface ComputeInformers {
  vms: Informer;
  classes: Informer;
  disks: Informer;
  images: Informer;
  clusterImages: Informer;
  vmips: Informer;
  secrets: Informer;
  storageClasses: Informer;
  vmbdas: Informer;
  vmops: Informer;
  nodes: Informer;
  /** virt-launcher pods (indexed by `ns/vm`, see `LAUNCHER_INDEX`). */
  pods: Informer;
  vmmacs: Informer;
}

/** Shared informers of the compute area. */
export function computeInformers(ctx: ControllerContext): ComputeInformers {
  const f = <T extends KubeObject>(g: string, k: string) => ctx.informers.for<T>(refOf(g, k));
  return {
    vms: f(DVP, 'VirtualMachine'),
    classes: f(DVP, 'VirtualMachineClass'),
    disks: f(DVP, 'VirtualDisk'),
    images: f(DVP, 'VirtualImage'),
    clusterImages: f(DVP, 'ClusterVirtualImage'),
    vmips: f(DVP, 'VirtualMachineIPAddress'),
    secrets: f('', 'Secret'),
    storageClasses: f('storage.k8s.io', 'StorageClass'),
    vmbdas: f(DVP, 'VirtualMachineBlockDeviceAttachment'),
    vmops: f(DVP, 'VirtualMachineOperation'),
    nodes: f('', 'Node'),
    pods: f('', 'Pod'),
    vmmacs: f(DVP, 'VirtualMachineMACAddress'),
  };
}

/** A dependency check: ready, or a reason and a message naming what is missing. */
export interface Check {
  ok: boolean;
  reason: string;
  message: string;
}

const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

/** Block devices of a VM: resolved files, or what they wait for; and whether all are shared. */
export function resolveDevices(
  ctx: ControllerContext,
  inf: ComputeInformers,
  vm: KubeObject,
): { check: Check; devices: ResolvedDevice[]; localDisks: string[] } {
  const ns = vm.metadata.namespace ?? '';
  const refs =
    (vm.spec as { blockDeviceRefs?: { kind: string; name: string; bootOrder?: number }[] })
      .blockDeviceRefs ?? [];
  const devices: ResolvedDevice[] = [];
  const waiting: string[] = [];
  const localDisks: string[] = [];
  let wffc = false;
  const attachments = inf.vmbdas
    .list(ns)
    .filter(
      (b) =>
        (b.spec as { virtualMachineName?: string }).virtualMachineName === vm.metadata.name &&
        phase(b) === 'Attached',
    );
  const all = [
    ...refs.map((r) => ({ ...r, attachment: undefined as string | undefined })),
    ...attachments.map((b) => {
      const bd = (b.spec as { blockDeviceRef: { kind: string; name: string } }).blockDeviceRef;
      return { kind: bd.kind, name: bd.name, bootOrder: undefined, attachment: b.metadata.name };
    }),
  ];
  for (const r of all) {
    const kind = r.kind as ResolvedDevice['kind'];
    const obj =
      kind === 'VirtualDisk'
        ? inf.disks.get(r.name, ns)
        : kind === 'VirtualImage'
          ? inf.images.get(r.name, ns)
          : inf.clusterImages.get(r.name);
    if (!obj) {
      waiting.push(`${kind} "${r.name}" not found`);
      continue;
    }
    if (phase(obj) === 'WaitForFirstConsumer') wffc = true;
    const file = kind === 'VirtualDisk' ? diskFileOf(ctx.paths, obj) : imageFileOf(ctx.paths, obj);
    if (phase(obj) !== 'Ready' || !file) {
      waiting.push(`${kind} "${r.name}" is not ready (phase ${phase(obj) ?? 'unknown'})`);
      continue;
    }
    const st = obj.status as {
      capacity?: string;
      size?: { unpacked?: string };
      storageClassName?: string;
    };
    if (kind === 'VirtualDisk') {
      const scName =
        st.storageClassName ??
        (obj.spec as { persistentVolumeClaim?: { storageClassName?: string } })
          .persistentVolumeClaim?.storageClassName;
      const sc = scName ? inf.storageClasses.get(scName) : undefined;
      if ((sc as { provisioner?: string } | undefined)?.provisioner === LOCAL_PROVISIONER)
        localDisks.push(r.name);
    }
    devices.push({
      kind,
      name: r.name,
      id: guestDiskId(kind, r.name),
      path: file,
      ...(r.bootOrder !== undefined ? { bootOrder: r.bootOrder } : {}),
      ...(st.capacity
        ? { size: st.capacity }
        : st.size?.unpacked
          ? { size: st.size.unpacked }
          : {}),
      ...(r.attachment ? { attachment: r.attachment } : {}),
    });
  }
  const check: Check =
    waiting.length === 0
      ? { ok: true, reason: 'BlockDevicesReady', message: '' }
      : {
          ok: false,
          reason: wffc
            ? 'WaitingForWaitForFirstConsumerBlockDevicesToBeReady'
            : 'BlockDevicesNotReady',
          message: `Waiting for block devices to be ready: ${waiting.join('; ')}.`,
        };
  return { check, devices, localDisks };
}

/** The VM's VMIP (by name or by the VM uid label) and its address once assigned. */
export function resolveIp(
  inf: ComputeInformers,
  vm: KubeObject,
): Check & { name?: string; address?: string } {
  const ns = vm.metadata.namespace ?? '';
  const wanted = (vm.spec as { virtualMachineIPAddressName?: string }).virtualMachineIPAddressName;
  const ip = wanted
    ? inf.vmips.get(wanted, ns)
    : inf.vmips.list(ns).find((o) => o.metadata.labels?.[VM_UID_LABEL] === vm.metadata.uid);
  if (!ip) {
    return {
      ok: false,
      reason: 'VirtualMachineIPAddressNotAssigned',
      message: wanted
        ? `Waiting for VirtualMachineIPAddress "${wanted}" to be created.`
        : 'Waiting for the VirtualMachineIPAddress of the virtual machine to be created.',
    };
  }
  const address = (ip.status as { address?: string } | undefined)?.address;
  if (!address) {
    return {
      ok: false,
      reason: 'VirtualMachineIPAddressNotReady',
      message: `Waiting for VirtualMachineIPAddress "${ip.metadata.name}" to get an address (phase ${phase(ip) ?? 'Pending'}).`,
      name: ip.metadata.name ?? '',
    };
  }
  return {
    ok: true,
    reason: 'VirtualMachineIPAddressReady',
    message: '',
    name: ip.metadata.name ?? '',
    address,
  };
}

/** cloud-init user data from `provisioning` (none for SysprepRef or no provisioning). */
export function resolveUserData(
  inf: ComputeInformers,
  vm: KubeObject,
): Check & { userData?: string } {
  const p = (
    vm.spec as {
      provisioning?: { type: string; userData?: string; userDataRef?: { name: string } };
    }
  ).provisioning;
  if (!p || p.type === 'SysprepRef') return { ok: true, reason: 'ProvisioningReady', message: '' };
  if (p.type === 'UserData')
    return { ok: true, reason: 'ProvisioningReady', message: '', userData: p.userData ?? '' };
  const name = p.userDataRef?.name ?? '';
  const secret = inf.secrets.get(name, vm.metadata.namespace);
  if (!secret) {
    return {
      ok: false,
      reason: 'ProvisioningNotReady',
      message: `Secret "${name}" with the user data not found.`,
    };
  }
  const s = secret as KubeObject & { type?: string; data?: Record<string, string> };
  if (s.type !== CLOUD_INIT_SECRET_TYPE) {
    return {
      ok: false,
      reason: 'ProvisioningNotReady',
      message: `Secret "${name}" has type "${s.type ?? 'Opaque'}"; user data must be in a Secret of type ${CLOUD_INIT_SECRET_TYPE}.`,
    };
  }
  const data = s.data?.userData;
  if (data === undefined) {
    return {
      ok: false,
      reason: 'ProvisioningNotReady',
      message: `Secret "${name}" has no key "userData".`,
    };
  }
  return {
    ok: true,
    reason: 'ProvisioningReady',
    message: '',
    userData: Buffer.from(data, 'base64').toString('utf8'),
  };
}
