import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import type { ComputeInformers } from './deps.ts';
import {
  GUEST_START_ANNOTATION,
  guestNodes,
  LAUNCHER_INDEX,
  launcherLabels,
  launcherVmKey,
  launcherPod,
  launcherPodStatus,
  type LauncherPodView,
} from './launcher-pod.ts';
import type { VmRuntime } from './vm-runtime.ts';
import { canonical } from './vm-controller.ts';

const POD_REF = refOf('', 'Pod');

/**
 * Keeps one virt-launcher Pod per running guest, as KubeVirt does: created when the guest runs,
 * a second one on the target node during a live migration, the source's deleted when the
 * migration completes, all deleted when the guest stops. Pods mirror what the node agents
 * run, so after a sandbox restart they are kept, re-created or removed to match the guests.
 */
export class LauncherPodController extends Controller {
  /** Pods created but not yet seen by the informer: `uid/node` → name and time. */
  private readonly expected = new Map<string, { name: string; at: number }>();

  constructor(
    ctx: ControllerContext,
    private readonly inf: ComputeInformers,
    private readonly rt: VmRuntime,
  ) {
    super(ctx, 'virt-launcher-pods');
  }

  setup(): void {
    this.inf.pods.addIndex(LAUNCHER_INDEX, (p) => {
      const k = launcherVmKey(p);
      return k ? [k] : [];
    });
    this.inf.vms.addHandler(this.self());
    const byPod = (p: KubeObject) => {
      const k = launcherVmKey(p);
      if (k) this.enqueue(k);
    };
    this.inf.pods.addHandler({ add: byPod, update: byPod, delete: byPod });
    this.rt.onChange((uid) => {
      const st = this.rt.find(uid);
      if (st) this.enqueue(st.key);
    });
  }

  async reconcile(key: string): Promise<void> {
    const vm = this.inf.vms.getByKey(key);
    const pods = this.inf.pods.byIndex(LAUNCHER_INDEX, key);
    const uid = vm?.metadata.uid ?? '';
    const { active, target } = vm ? guestNodes(this.ctx, this.rt, uid) : {};
    const want = new Map<string, boolean>();
    if (active) want.set(active, true);
    if (target) want.set(target, false);
    const guestStart = this.rt.find(uid)?.lastStartTime ?? '';
    const seen = new Set<string>();
    for (const pod of pods) {
      const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
      const owned = pod.metadata.ownerReferences?.some((r) => r.uid === uid) ?? false;
      const isActive = want.get(node);
      const stale =
        !owned ||
        isActive === undefined ||
        seen.has(node) ||
        pod.metadata.deletionTimestamp !== undefined ||
        pod.metadata.annotations?.[GUEST_START_ANNOTATION] !== guestStart;
      if (stale) {
        if (!pod.metadata.deletionTimestamp)
          await this.ctx.client.delete(POD_REF, pod.metadata.name ?? '', pod.metadata.namespace, {
            uid: pod.metadata.uid ?? '',
          });
        continue;
      }
      seen.add(node);
      this.expected.delete(`${uid}/${node}`);
      if (vm) await this.sync(pod, this.view(vm, node, isActive, guestStart));
    }
    if (!vm) return;
    for (const [node, isActive] of want) {
      if (seen.has(node)) continue;
      const exp = this.expected.get(`${uid}/${node}`);
      if (exp && Date.now() - exp.at < 30_000) continue; // created; the informer catches up
      const view = this.view(vm, node, isActive, guestStart);
      const created = await this.ctx.client.create(POD_REF, launcherPod(view));
      this.expected.set(`${uid}/${node}`, { name: created.metadata.name ?? '', at: Date.now() });
      await this.sync(created, view);
    }
  }

  private view(vm: KubeObject, node: string, active: boolean, guestStart: string): LauncherPodView {
    const addresses = (
      this.inf.nodes.get(node)?.status as
        { addresses?: { type: string; address: string }[] } | undefined
    )?.addresses;
    const hostIP = addresses?.find((a) => a.type === 'InternalIP')?.address;
    return { vm, node, active, guestStart, ...(hostIP ? { hostIP } : {}) };
  }

  /** Brings a pod's labels and status in line with its VM and guest. */
  private async sync(pod: KubeObject, view: LauncherPodView): Promise<void> {
    const labels = launcherLabels(view.vm);
    const current = pod.metadata.labels ?? {};
    if (canonical(labels) !== canonical(current)) {
      const patch: Record<string, string | null> = { ...labels };
      for (const k of Object.keys(current)) if (!(k in labels)) patch[k] = null;
      await this.ctx.client.patch(POD_REF, pod.metadata.name ?? '', pod.metadata.namespace, {
        metadata: { labels: patch },
      });
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const status = launcherPodStatus(view, pod, now);
    if (canonical(status) !== canonical(pod.status ?? {}))
      await this.ctx.client.patchStatus(POD_REF, pod, status);
  }
}
