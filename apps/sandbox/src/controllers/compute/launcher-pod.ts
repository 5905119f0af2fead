import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { ComputeInformers } from './deps.ts';
import type { VmRuntime } from './vm-runtime.ts';
import { requestedMilli } from './vm-status.ts';

/** `kubevirt.internal.virtualization.deckhouse.io=virt-launcher` marks every virt-launcher pod. */
export const LAUNCHER_LABEL = 'kubevirt.internal.virtualization.deckhouse.io';
/** The VM a virt-launcher pod runs (label value: the VM's name). */
export const LAUNCHER_VM_LABEL = 'vm.kubevirt.internal.virtualization.deckhouse.io/name';
/** The guest incarnation (start time) a pod mirrors: a restarted guest gets a new pod. */
export const GUEST_START_ANNOTATION = 'sandbox.deckhouse.io/guest-start';

/** Index of the pods informer: `ns/vm` of the VM a virt-launcher pod runs. */
export const LAUNCHER_INDEX = 'launcher-vm';

/** The `ns/vm` key of a virt-launcher pod's VM, if it is one. */
export function launcherVmKey(pod: KubeObject): string | undefined {
  const l = pod.metadata.labels ?? {};
  const vm = l[LAUNCHER_VM_LABEL];
  return l[LAUNCHER_LABEL] === 'virt-launcher' && vm
    ? `${pod.metadata.namespace ?? ''}/${vm}`
    : undefined;
}

/** The node a VM's guest runs on (the source while it migrates), and a migration's target. */
export function guestNodes(
  ctx: ControllerContext,
  rt: VmRuntime,
  uid: string,
): { active?: string; target?: string } {
  const st = rt.find(uid);
  const own = st?.node && ctx.nodes.agent(st.node)?.get(uid) ? st.node : undefined;
  const active = own ?? ctx.nodes.locate(uid)?.node;
  const action = rt.action(uid);
  const target = action?.type === 'migrate' && action.target !== active ? action.target : undefined;
  return { ...(active ? { active } : {}), ...(target ? { target } : {}) };
}

/** A VM's virt-launcher pods for its status, the one on the guest's node active (oldest first). */
export function launcherPodsOf(
  ctx: ControllerContext,
  inf: ComputeInformers,
  rt: VmRuntime,
  key: string,
  uid: string,
): { name: string; active: boolean }[] {
  const { active } = guestNodes(ctx, rt, uid);
  return inf.pods
    .byIndex(LAUNCHER_INDEX, key)
    .filter((p) => !p.metadata.deletionTimestamp)
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    )
    .map((p) => ({
      name: p.metadata.name ?? '',
      active: (p.spec as { nodeName?: string } | undefined)?.nodeName === active,
    }));
}

/** What one virt-launcher pod mirrors. */
export interface LauncherPodView {
  vm: KubeObject;
  node: string;
  /** The node's InternalIP. */
  hostIP?: string;
  /** True for the pod of the running guest; false for a migration target not yet switched to. */
  active: boolean;
  guestStart: string;
}

/** The labels of a VM's virt-launcher pods: the VM's own labels plus KubeVirt's. */
export function launcherLabels(vm: KubeObject): Record<string, string> {
  return {
    ...(vm.metadata.labels ?? {}),
    [LAUNCHER_LABEL]: 'virt-launcher',
    [LAUNCHER_VM_LABEL]: vm.metadata.name ?? '',
    'kubevirt.internal.virtualization.deckhouse.io/created-by': vm.metadata.uid ?? '',
  };
}

/** A new virt-launcher pod (metadata and spec; the status is written after creation). */
export function launcherPod(v: LauncherPodView): KubeObject {
  const { vm } = v;
  const spec = vm.spec as {
    cpu: { cores: number; coreFraction?: string };
    memory: { size: string };
    terminationGracePeriodSeconds?: number;
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `virt-launcher-${vm.metadata.name ?? ''}-`,
      namespace: vm.metadata.namespace ?? '',
      labels: launcherLabels(vm),
      annotations: {
        [GUEST_START_ANNOTATION]: v.guestStart,
        'kubevirt.internal.virtualization.deckhouse.io/domain': vm.metadata.name ?? '',
      },
      ownerReferences: [
        {
          apiVersion: vm.apiVersion,
          kind: vm.kind,
          name: vm.metadata.name ?? '',
          uid: vm.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: v.node,
      hostname: vm.metadata.name ?? '',
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: (spec.terminationGracePeriodSeconds ?? 60) + 15,
      containers: [
        {
          name: 'compute',
          image: 'virt-launcher (sandbox: QEMU runs on the node agent)',
          resources: {
            requests: { cpu: `${requestedMilli(spec)}m`, memory: spec.memory.size },
            limits: { cpu: String(spec.cpu.cores), memory: spec.memory.size },
          },
        },
      ],
    },
  };
}

/** The status of a virt-launcher pod: Running; Ready while it runs the active guest. */
export function launcherPodStatus(
  v: LauncherPodView,
  pod: KubeObject,
  now: string,
): Record<string, unknown> {
  const old = (pod.status ?? {}) as {
    startTime?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
  };
  const ip = (v.vm.status as { ipAddress?: string } | undefined)?.ipAddress;
  const started = old.startTime ?? pod.metadata.creationTimestamp ?? now;
  const cond = (type: string, ok: boolean, reason?: string) => {
    const prev = old.conditions?.find((c) => c.type === type);
    const status = ok ? 'True' : 'False';
    return {
      type,
      status,
      lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? started) : now,
      ...(reason ? { reason } : {}),
    };
  };
  const ready = v.active;
  return {
    phase: 'Running',
    ...(v.hostIP ? { hostIP: v.hostIP, hostIPs: [{ ip: v.hostIP }] } : {}),
    ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: started,
    qosClass: 'Burstable',
    conditions: [
      cond('PodReadyToStartContainers', true),
      cond('Initialized', true),
      cond('Ready', ready, ready ? undefined : 'ContainersNotReady'),
      cond('ContainersReady', ready, ready ? undefined : 'ContainersNotReady'),
      cond('PodScheduled', true),
    ],
    containerStatuses: [
      {
        name: 'compute',
        ready,
        started: true,
        restartCount: 0,
        image: 'virt-launcher',
        imageID: '',
        containerID: `qemu://${v.node}/${v.vm.metadata.uid ?? ''}`,
        state: { running: { startedAt: started } },
      },
    ],
  };
}
