import { cpus, hostname, release, totalmem } from 'node:os';
import type { KubeObject } from '../apiserver/types.ts';

/** The demo project every fresh sandbox has (its namespace has the same name). */
export const DEMO_PROJECT = 'demo';

/** The pool VM IP addresses come from. */
export const VM_CIDRS = ['10.66.10.0/24', '10.66.20.0/24'];

const DVP = 'virtualization.deckhouse.io/v1alpha2';

/** CPU models a TCG guest can be given; published as node labels for `type: Model` classes. */
const CPU_MODELS = [
  'Nehalem',
  'Westmere',
  'SandyBridge',
  'IvyBridge',
  'Haswell-noTSX',
  'Broadwell-noTSX',
  'Skylake-Client',
];
const CPU_FEATURES = ['sse4.2', 'popcnt', 'aes', 'avx', 'avx2', 'xsave', 'x2apic'];

function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A simulated node's object; status (capacity, conditions) is written separately. */
export function nodeObject(index: number): { node: KubeObject; status: Record<string, unknown> } {
  const name = `sandbox-node-${index}`;
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'node-role.kubernetes.io/worker': '',
    'topology.kubernetes.io/zone': `zone-${index}`,
    'virtualization.deckhouse.io/kvm-enabled': 'true',
  };
  for (const m of CPU_MODELS) labels[`cpu-model.node.virtualization.deckhouse.io/${m}`] = 'true';
  for (const f of CPU_FEATURES)
    labels[`cpu-feature.node.virtualization.deckhouse.io/${f}`] = 'true';
  // Each simulated node offers the machine's resources (they share one host).
  const cores = String(cpus().length);
  const memory = `${Math.floor(totalmem() / 1024 / 1024)}Mi`;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    node: { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } },
    status: {
      capacity: { cpu: cores, memory, pods: '110' },
      allocatable: { cpu: cores, memory, pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'hypervisor agent is posting ready status',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.5',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: release(),
        architecture: 'amd64',
        operatingSystem: 'linux',
        containerRuntimeVersion: 'dvp-sandbox://1',
        machineID: `${hostname()}-${index}`,
      },
    },
  };
}

/** Objects a fresh sandbox starts with (RBAC comes from `auth/bootstrap.ts`). */
/** Provisioner of node-local volumes (ReadWriteOnce: not live-migratable). */
export const LOCAL_PROVISIONER = 'sandbox.deckhouse.io/local-path';
/** Provisioner of shared volumes (ReadWriteMany: every node sees them). */
export const SHARED_PROVISIONER = 'sandbox.deckhouse.io/shared';

export function bootstrapObjects(nodes: number): {
  objects: KubeObject[];
  nodeStatuses: Map<string, Record<string, unknown>>;
} {
  const objects: KubeObject[] = [
    namespace('default'),
    namespace('kube-system'),
    namespace('kube-public'),
    namespace('kube-node-lease'),
    namespace('d8-virtualization'),
    // Shared storage (every node sees the volume, RWX): VMs on it can live-migrate.
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'sandbox-shared',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: SHARED_PROVISIONER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    },
    // Node-local storage (RWO): VMs with such disks are not live-migratable.
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path' },
      provisioner: LOCAL_PROVISIONER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path-wffc' },
      provisioner: LOCAL_PROVISIONER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    },
    {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name: 'local-path-snapshots' },
      driver: LOCAL_PROVISIONER,
      deletionPolicy: 'Delete',
    },
    {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: {
        name: 'sandbox-shared-snapshots',
        annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
      },
      driver: SHARED_PROVISIONER,
      deletionPolicy: 'Delete',
    },
    {
      apiVersion: 'deckhouse.io/v1alpha1',
      kind: 'ModuleConfig',
      metadata: { name: 'virtualization' },
      spec: {
        enabled: true,
        version: 1,
        settings: {
          dvcr: {
            storage: {
              type: 'PersistentVolumeClaim',
              persistentVolumeClaim: { size: '50G', storageClassName: 'sandbox-shared' },
            },
          },
          virtualMachineCIDRs: VM_CIDRS,
          virtualImages: { defaultStorageClassName: 'sandbox-shared' },
          virtualDisks: { defaultStorageClassName: 'sandbox-shared' },
        },
      },
    },
    {
      // As the DVP module installs it: a Nehalem CPU any node can run, with the documented policies.
      apiVersion: DVP,
      kind: 'VirtualMachineClass',
      metadata: { name: 'generic' },
      spec: {
        cpu: { type: 'Model', model: 'Nehalem' },
        sizingPolicies: [
          { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20, 50, 100] },
          { cores: { min: 5, max: 8 }, coreFractions: [20, 50, 100] },
          { cores: { min: 9, max: 16 }, coreFractions: [50, 100], dedicatedCores: [true, false] },
          { cores: { min: 17, max: 1024 }, coreFractions: [100] },
        ],
      },
    },
    {
      apiVersion: 'deckhouse.io/v1alpha2',
      kind: 'Project',
      metadata: { name: DEMO_PROJECT },
      spec: { description: 'Demo project of the sandbox', projectTemplateName: 'default' },
    },
  ];
  const nodeStatuses = new Map<string, Record<string, unknown>>();
  for (let i = 1; i <= nodes; i++) {
    const { node, status } = nodeObject(i);
    objects.push(node);
    nodeStatuses.set(node.metadata.name ?? '', status);
  }
  return { objects, nodeStatuses };
}
