import { cpus, totalmem } from 'node:os';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { isNotFound, refOf } from '../runtime/client.ts';
import type { ComputeInformers } from './deps.ts';

const NODE_REF = refOf('', 'Node');
const LEASE_REF = refOf('coordination.k8s.io', 'Lease');
/** How often a live node's agent renews its Lease. */
export const HEARTBEAT_MS = 2000;
/** A node whose Lease is older than this is NotReady (kube's node-monitor-grace-period, scaled). */
export const GRACE_MS = 6000;

const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = () => new Date().toISOString().replace('Z', '000Z');

/** CPU and memory of the machine split among `count` nodes (at least 1 CPU each). */
export function nodeCapacity(count: number): { cpu: string; memory: string } {
  const milli = Math.floor((cpus().length * 1000) / Math.max(1, count));
  const mi = Math.floor(totalmem() / 1024 / 1024 / Math.max(1, count));
  return { cpu: milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`, memory: `${mi}Mi` };
}

/**
 * Node heartbeats: each live agent renews its `kube-node-lease` Lease every 2 s; a node whose
 * Lease is older than the grace period (its agent died: `nodes.kill`) turns `Ready=Unknown`
 * (NodeStatusUnknown) and back to Ready when heartbeats resume. Also keeps capacity and
 * allocatable at the node's share of the machine.
 */
export class NodeController extends Controller {
  private timer: NodeJS.Timeout | undefined;
  private readonly renewed = new Map<string, number>();

  constructor(
    ctx: ControllerContext,
    private readonly inf: ComputeInformers,
  ) {
    super(ctx, 'node-lifecycle', 1);
  }

  setup(): void {
    this.inf.nodes.addHandler(this.self());
  }

  override started(): Promise<void> {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    void this.beat();
    return Promise.resolve();
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    await super.stop();
  }

  private async beat(): Promise<void> {
    for (const n of this.ctx.nodes.nodes.values()) {
      if (!n.alive) continue;
      try {
        await this.renew(n.name);
        this.renewed.set(n.name, Date.now());
      } catch {
        // the next beat retries
      }
    }
    for (const name of this.ctx.nodes.names) this.enqueue(name);
  }

  private async renew(node: string): Promise<void> {
    const ns = 'kube-node-lease';
    const existing = await this.ctx.client.get(LEASE_REF, node, ns);
    const spec = {
      holderIdentity: node,
      leaseDurationSeconds: GRACE_MS / 1000,
      renewTime: micro(),
    };
    if (!existing) {
      await this.ctx.client
        .create(LEASE_REF, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: node, namespace: ns },
          spec,
        })
        .catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
      return;
    }
    await this.ctx.client.patch(LEASE_REF, node, ns, { spec: { renewTime: spec.renewTime } });
  }

  async reconcile(key: string): Promise<void> {
    const node = this.inf.nodes.get(key);
    const sn = this.ctx.nodes.nodes.get(key);
    if (!node || !sn) return;
    const last = this.renewed.get(key);
    const ready = sn.alive && last !== undefined && Date.now() - last < GRACE_MS;
    const st = (node.status ?? {}) as {
      conditions?: {
        type: string;
        status: string;
        lastHeartbeatTime?: string;
        lastTransitionTime?: string;
      }[];
      capacity?: Record<string, string>;
    };
    const cond = st.conditions?.find((c) => c.type === 'Ready');
    const cap = nodeCapacity(this.ctx.nodes.names.length);
    const wantStatus = ready ? 'True' : 'Unknown';
    const heartbeatOld = Date.now() - Date.parse(cond?.lastHeartbeatTime ?? '') > 30_000;
    if (cond?.status === wantStatus && st.capacity?.cpu === cap.cpu && !(ready && heartbeatOld))
      return;
    const now = stamp();
    const readyCond = ready
      ? {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'hypervisor agent is posting ready status',
        }
      : {
          type: 'Ready',
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message:
            'Kubelet stopped posting node status: the hypervisor agent of the node is not responding.',
        };
    const others = (st.conditions ?? []).filter((c) => c.type !== 'Ready');
    await this.ctx.client.patchStatus(NODE_REF, node, {
      capacity: { ...st.capacity, ...cap, pods: '110' },
      allocatable: { ...cap, pods: '110' },
      conditions: [
        ...others,
        {
          ...readyCond,
          lastHeartbeatTime: ready ? now : (cond?.lastHeartbeatTime ?? now),
          lastTransitionTime: cond?.status === wantStatus ? (cond.lastTransitionTime ?? now) : now,
        },
      ],
    });
  }
}
