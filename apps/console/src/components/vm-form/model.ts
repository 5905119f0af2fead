/**
 * The VM form's model: form values ↔ manifests. The form edits a few fields; everything else
 * the user wrote (in the YAML view, or that an existing VM carries) rides along in `extra` and
 * is emitted again untouched, so switching Form ↔ YAML never loses a field.
 */
import { DVP_API_VERSION, RUN_POLICIES, type BLOCK_DEVICE_KINDS } from '@dvp/api';

export type RunPolicy = (typeof RUN_POLICIES)[number];
export type BlockDeviceKind = (typeof BLOCK_DEVICE_KINDS)[number];
export type ImageKind = 'VirtualImage' | 'ClusterVirtualImage';
type Obj = Record<string, unknown>;

/** A manifest the form emits: always with kind, metadata (name, namespace) and spec. */
export type Manifest = Obj & {
  apiVersion: string;
  kind: string;
  metadata: Obj & { name: string; namespace: string };
  spec: Obj;
};

/** One `spec.blockDeviceRefs` entry; `mode: 'new'` also creates a VirtualDisk before the VM. */
export interface BootDiskValue {
  mode: 'existing' | 'new';
  kind: BlockDeviceKind;
  name: string;
  /** New disks: the image the disk is filled from (empty name = a blank disk). */
  sourceKind: ImageKind;
  sourceName: string;
  /** New disks: `spec.persistentVolumeClaim.size` (empty = the image's size). */
  size: string;
  storageClassName: string;
  /** Fields of the ref the form does not model (e.g. `bootOrder`). */
  extraRef?: Obj | undefined;
  /** New disks: the whole VirtualDisk manifest as last parsed (unknown fields survive). */
  extraDisk?: Obj | undefined;
}

export interface VmFormValues {
  name: string;
  className: string;
  cores: number;
  /** `"10%"`, `"Auto"`, or empty for the class default. */
  coreFraction: string;
  memory: string;
  bootDisks: BootDiskValue[];
  cloudInitEnabled: boolean;
  cloudInit: string;
  runPolicy: RunPolicy;
  /** The VM manifest as last parsed; fields the form does not model are re-emitted from here. */
  extra?: Obj | undefined;
}

export const DEFAULT_RUN_POLICY: RunPolicy = 'AlwaysOnUnlessStoppedManually';

/** The values of an empty create form. */
export function vmFormDefaults(
  opts: { className?: string; coreFraction?: string; memory?: string } = {},
): VmFormValues {
  return {
    name: '',
    className: opts.className ?? '',
    cores: 1,
    coreFraction: opts.coreFraction ?? '',
    memory: opts.memory ?? '1Gi',
    bootDisks: [],
    cloudInitEnabled: false,
    cloudInit: '',
    runPolicy: DEFAULT_RUN_POLICY,
  };
}

/** A new boot disk row with the form's defaults. */
export function newDiskValue(
  name: string,
  storageClassName: string,
  source?: { kind: ImageKind; name: string; size?: string },
): BootDiskValue {
  return {
    mode: 'new',
    kind: 'VirtualDisk',
    name,
    sourceKind: source?.kind ?? 'VirtualImage',
    sourceName: source?.name ?? '',
    size: source?.size ?? '',
    storageClassName,
  };
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
function without(o: Obj, keys: readonly string[]): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}
function isEmpty(o: Obj): boolean {
  return Object.keys(o).length === 0;
}

const VM_SPEC_KEYS = [
  'virtualMachineClassName',
  'runPolicy',
  'cpu',
  'memory',
  'blockDeviceRefs',
  'provisioning',
] as const;

/** The VirtualMachine manifest for the values (what the create call sends). */
export function vmManifestFromValues(values: VmFormValues, namespace: string): Manifest {
  const extra = obj(values.extra);
  const spec = obj(extra.spec);
  const cpu: Obj = { ...obj(spec.cpu), cores: values.cores };
  if (values.coreFraction.trim()) cpu.coreFraction = values.coreFraction.trim();
  else delete cpu.coreFraction;
  const provisioning = obj(spec.provisioning);
  let prov: Obj | undefined;
  if (values.cloudInitEnabled) {
    prov = { ...without(provisioning, ['userDataRef', 'sysprepRef']), type: 'UserData' };
    prov.userData = values.cloudInit;
  } else if (!isEmpty(provisioning) && provisioning.type !== 'UserData') {
    // A Secret-backed script (userDataRef/sysprepRef) the switch does not model stays as is.
    prov = provisioning;
  }
  return {
    apiVersion: DVP_API_VERSION,
    kind: 'VirtualMachine',
    ...without(extra, ['apiVersion', 'kind', 'metadata', 'spec']),
    metadata: { ...obj(extra.metadata), name: values.name, namespace },
    spec: {
      virtualMachineClassName: values.className,
      runPolicy: values.runPolicy,
      cpu,
      memory: { ...obj(spec.memory), size: values.memory },
      blockDeviceRefs: values.bootDisks.map((d) => ({
        ...obj(d.extraRef),
        kind: d.mode === 'new' ? 'VirtualDisk' : d.kind,
        name: d.name,
      })),
      ...(prov ? { provisioning: prov } : {}),
      ...without(spec, VM_SPEC_KEYS),
    },
  };
}

/** The VirtualDisk manifests of the new boot disks (created before the VM). */
export function diskManifestsFromValues(values: VmFormValues, namespace: string): Manifest[] {
  return values.bootDisks
    .filter((d) => d.mode === 'new')
    .map((d) => {
      const extra = obj(d.extraDisk);
      const spec = obj(extra.spec);
      const pvc: Obj = { ...obj(spec.persistentVolumeClaim) };
      if (d.size.trim()) pvc.size = d.size.trim();
      else delete pvc.size;
      if (d.storageClassName) pvc.storageClassName = d.storageClassName;
      else delete pvc.storageClassName;
      const ds = obj(spec.dataSource);
      const dataSource = d.sourceName
        ? {
            ...ds,
            type: 'ObjectRef',
            objectRef: { ...obj(ds.objectRef), kind: d.sourceKind, name: d.sourceName },
          }
        : undefined;
      return {
        apiVersion: DVP_API_VERSION,
        kind: 'VirtualDisk',
        ...without(extra, ['apiVersion', 'kind', 'metadata', 'spec']),
        metadata: { ...obj(extra.metadata), name: d.name, namespace },
        spec: {
          ...(dataSource ? { dataSource } : {}),
          ...(isEmpty(pvc) ? {} : { persistentVolumeClaim: pvc }),
          ...without(spec, ['dataSource', 'persistentVolumeClaim']),
        },
      };
    });
}

/** Every manifest the form creates, in creation order: new disks, then the VM. */
export function manifestsFromValues(values: VmFormValues, namespace: string): Manifest[] {
  return [...diskManifestsFromValues(values, namespace), vmManifestFromValues(values, namespace)];
}

function diskFromManifest(ref: Obj, disk: Obj | undefined): BootDiskValue {
  const extraRef = without(ref, ['kind', 'name']);
  const base = {
    name: str(ref.name),
    ...(isEmpty(extraRef) ? {} : { extraRef }),
  };
  if (!disk) {
    const kind = (['VirtualDisk', 'VirtualImage', 'ClusterVirtualImage'] as const).find(
      (k) => k === ref.kind,
    );
    return {
      ...newDiskValue('', ''),
      ...base,
      mode: 'existing',
      kind: kind ?? 'VirtualDisk',
    };
  }
  const spec = obj(disk.spec);
  const pvc = obj(spec.persistentVolumeClaim);
  const src = obj(obj(spec.dataSource).objectRef);
  return {
    ...base,
    mode: 'new',
    kind: 'VirtualDisk',
    sourceKind: src.kind === 'ClusterVirtualImage' ? 'ClusterVirtualImage' : 'VirtualImage',
    sourceName: str(src.name),
    size: str(pvc.size),
    storageClassName: str(pvc.storageClassName),
    extraDisk: disk,
  };
}

/** Thrown when manifests cannot become form values; the message is a message-key suffix. */
export class ManifestShapeError extends Error {
  constructor(
    readonly code: 'noVm' | 'manyVms' | 'otherKind',
    readonly detail = '',
  ) {
    super(code);
  }
}

/**
 * Form values from manifests (the YAML view's documents: VirtualDisks + one VirtualMachine).
 * VirtualDisks referenced by the VM become "new disk" rows; the VM keeps unknown fields in
 * `extra`.
 */
export function valuesFromManifests(docs: readonly unknown[]): VmFormValues {
  const objects = docs.filter((d) => d !== null && d !== undefined).map(obj);
  const vms = objects.filter((o) => o.kind === 'VirtualMachine');
  if (vms.length === 0) throw new ManifestShapeError('noVm');
  if (vms.length > 1) throw new ManifestShapeError('manyVms');
  const other = objects.find((o) => o.kind !== 'VirtualMachine' && o.kind !== 'VirtualDisk');
  if (other) throw new ManifestShapeError('otherKind', str(other.kind));
  const vm = vms[0] as Obj;
  const disks = new Map(
    objects.filter((o) => o.kind === 'VirtualDisk').map((d) => [str(obj(d.metadata).name), d]),
  );
  return valuesFromVm(vm, disks);
}

/** Form values from a VirtualMachine (e.g. the Configuration tab's VM). */
export function valuesFromVm(
  vm: Obj,
  newDisks: ReadonlyMap<string, Obj> = new Map(),
): VmFormValues {
  const spec = obj(vm.spec);
  const cpu = obj(spec.cpu);
  const provisioning = obj(spec.provisioning);
  const refs = Array.isArray(spec.blockDeviceRefs) ? spec.blockDeviceRefs.map(obj) : [];
  const runPolicy = RUN_POLICIES.find((p) => p === spec.runPolicy) ?? DEFAULT_RUN_POLICY;
  const cores = Number(cpu.cores);
  return {
    name: str(obj(vm.metadata).name),
    className: str(spec.virtualMachineClassName),
    cores: Number.isFinite(cores) ? cores : 1,
    coreFraction: str(cpu.coreFraction),
    memory: str(obj(spec.memory).size),
    bootDisks: refs.map((r) =>
      diskFromManifest(r, r.kind === 'VirtualDisk' ? newDisks.get(str(r.name)) : undefined),
    ),
    cloudInitEnabled: provisioning.type === 'UserData',
    cloudInit: provisioning.type === 'UserData' ? str(provisioning.userData) : '',
    runPolicy,
    extra: vm,
  };
}
