import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../types.ts';
import { isAlreadyExists, refOf, type KubeClient } from '../../../controllers/runtime/client.ts';

const LEASE = refOf('coordination.k8s.io', 'Lease');
const SESSION_LABEL = 'virtualization.deckhouse.io/session';
const SESSION_ID = 'virtualization.deckhouse.io/session-id';
const SESSION_CLIENT = 'virtualization.deckhouse.io/session-client';
/** DVP's session lease timings (`pkg/apiserver/registry/vm/rest/session.go`). */
export const LEASE_DURATION_SECONDS = 30;
const RENEW_MS = 10_000;

/** Which stream a session holds. */
export type StreamKind = 'console' | 'vnc';

/** Who holds a console or VNC stream, as `probe=true` answers it (DVP's VirtualMachineSession). */
export interface VirtualMachineSession {
  holder: string;
  startTime: string;
  client: string;
}

/** The lease name of a VM's session: `d8v-vm-console-<vm>-<uid>` / `d8v-vm-vnc-<vm>-<uid>`. */
export function sessionLeaseName(kind: StreamKind, vm: KubeObject): string {
  return `d8v-vm-${kind}-${vm.metadata.name ?? ''}-${vm.metadata.uid ?? ''}`;
}

/** kube's MicroTime text (`2006-01-02T15:04:05.000000Z`). */
export function microTime(d = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The advisory `coordination.k8s.io/v1` Lease of one stream session: written on connect, renewed
 * every 10 s, deleted on disconnect, owned by the VM (so it goes with it). Failures are logged,
 * never fatal: the session works without its record, as in DVP.
 */
export class SessionLease {
  readonly id = randomUUID();
  readonly name: string;
  readonly session: VirtualMachineSession;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private acquiring: Promise<void> | undefined;

  constructor(
    private readonly client: KubeClient,
    readonly kind: StreamKind,
    private readonly vm: KubeObject,
    holder: string,
    userAgent: string,
  ) {
    this.name = sessionLeaseName(kind, vm);
    this.session = { holder, startTime: new Date().toISOString(), client: userAgent.slice(0, 128) };
  }

  /** Writes the lease (taking it over from a previous holder) and starts renewing it. */
  acquire(): Promise<void> {
    this.acquiring ??= this.write();
    return this.acquiring;
  }

  private async write(): Promise<void> {
    const now = microTime();
    const metadata = {
      name: this.name,
      namespace: this.vm.metadata.namespace,
      labels: { [SESSION_LABEL]: this.kind },
      annotations: { [SESSION_ID]: this.id, [SESSION_CLIENT]: this.session.client },
      ownerReferences: [
        {
          apiVersion: this.vm.apiVersion,
          kind: 'VirtualMachine',
          name: this.vm.metadata.name ?? '',
          uid: this.vm.metadata.uid ?? '',
        },
      ],
    };
    const spec = {
      holderIdentity: this.session.holder,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      acquireTime: now,
      renewTime: now,
    };
    try {
      try {
        await this.client.create(LEASE, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata,
          spec,
        });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const old = await this.client.get(LEASE, this.name, metadata.namespace);
        const transitions =
          (old?.spec as { leaseTransitions?: number } | undefined)?.leaseTransitions ?? 0;
        await this.client.patch(LEASE, this.name, metadata.namespace, {
          metadata: { labels: metadata.labels, annotations: metadata.annotations },
          spec: { ...spec, leaseTransitions: transitions + 1 },
        });
      }
    } catch (e) {
      console.error(`[subresources] session lease ${this.name}: ${(e as Error).message}`);
    }
    if (this.stopped) return;
    this.timer = setInterval(() => void this.renew(), RENEW_MS);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      await this.client.patch(LEASE, this.name, this.vm.metadata.namespace, {
        spec: { renewTime: microTime() },
      });
    } catch (e) {
      console.error(`[subresources] renewing ${this.name}: ${(e as Error).message}`);
    }
  }

  /** Stops renewing; with `remove`, deletes the lease if it is still this session's. */
  async release(remove: boolean): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (!remove) return;
    await this.acquiring;
    try {
      const cur = await this.client.get(LEASE, this.name, this.vm.metadata.namespace);
      if (cur?.metadata.annotations?.[SESSION_ID] !== this.id) return;
      await this.client.delete(LEASE, this.name, this.vm.metadata.namespace, {
        uid: cur.metadata.uid,
      });
    } catch (e) {
      console.error(`[subresources] deleting ${this.name}: ${(e as Error).message}`);
    }
  }
}
