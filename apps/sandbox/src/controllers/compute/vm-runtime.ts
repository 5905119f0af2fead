import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuestSpec } from '@dvp/hypervisor-agent/guest/spec';
import type { LiveMigrationPolicy } from '@dvp/hypervisor-agent/guest/migration-policy';
import type { MigrationSnapshot } from '@dvp/hypervisor-agent/guest/migration';
import type { NodePool } from '../../nodes/pool.ts';

/** What the compute area remembers about a VM between reconciles and sandbox restarts. */
export interface VmState {
  uid: string;
  /** `ns/name` of the VM. */
  key: string;
  /** Desired power from operations and guest poweroffs (the run policy decides when unset). */
  power?: 'on' | 'off';
  /** The node the guest runs (or last ran) on; cleared after a clean stop. */
  node?: string;
  /** `restartRelevant(spec)` the running guest was started with. */
  applied?: Record<string, unknown>;
  lastStartTime?: string;
  transitions: { phase: string; timestamp: string }[];
  launch: {
    waitingForDependencies?: string;
    virtualMachineStarting?: string;
    guestOSAgentStarting?: string;
  };
  migration?: {
    startTimestamp: string;
    endTimestamp?: string;
    source: { node: string };
    target: { node: string };
    result: '' | 'Succeeded' | 'Failed';
    message?: string;
  };
  /** An exit nobody asked for (guest poweroff, crash), not yet acted on. */
  lastExit?: { reason: string; crashed: boolean; at: string };
  /** The last start failure (QEMU error, missing file). */
  startError?: string;
  guestOSInfo?: Record<string, string>;
  agentReady?: boolean;
}

/** A long action on a guest. */
export interface VmAction {
  type: 'start' | 'stop' | 'migrate';
  /** The VMOP driving it, if any. */
  operation?: string;
  target?: string;
  progress?: MigrationSnapshot;
  cancel?: (reason: string) => void;
  done: Promise<void>;
}

/**
 * Guest actions (start, stop, migrate) and per-VM state shared by the VM and VMOP controllers.
 * State is persisted as one JSON file per VM under `<dataDir>/compute/vms`, so a restarted
 * sandbox knows which node ran which guest and with which configuration.
 */
export class VmRuntime {
  private readonly states = new Map<string, VmState>();
  private readonly actions = new Map<string, VmAction>();
  private readonly dir: string;
  private readonly listeners = new Set<(uid: string) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    dataDir: string,
    readonly nodes: NodePool,
  ) {
    this.dir = join(dataDir, 'compute', 'vms');
    mkdirSync(this.dir, { recursive: true });
    for (const f of readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        const s = JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as VmState;
        this.states.set(s.uid, s);
      } catch {
        // a torn write: the VM controller rebuilds what it needs
      }
    }
    this.unsubscribe = nodes.onEvent((_node, e) => {
      if (e.type !== 'exit') return;
      const st = this.states.get(e.guestId);
      const action = this.actions.get(e.guestId);
      if (st && e.phase !== 'migrated' && action?.type !== 'stop' && action?.type !== 'migrate') {
        st.lastExit = { reason: e.reason, crashed: e.crashed, at: new Date().toISOString() };
        this.save(st);
      }
      this.notify(e.guestId);
    });
  }

  /** Calls `fn(uid)` whenever a VM's guest or action changes. */
  onChange(fn: (uid: string) => void): void {
    this.listeners.add(fn);
  }

  notify(uid: string): void {
    for (const l of this.listeners) l(uid);
  }

  /** The state of a VM (created empty on first use). */
  state(uid: string, key: string): VmState {
    let s = this.states.get(uid);
    if (!s) {
      s = { uid, key, transitions: [], launch: {} };
      this.states.set(uid, s);
    }
    s.key = key;
    return s;
  }

  find(uid: string): VmState | undefined {
    return this.states.get(uid);
  }

  all(): VmState[] {
    return [...this.states.values()];
  }

  save(s: VmState): void {
    writeFileSync(join(this.dir, `${s.uid}.json`), JSON.stringify(s));
  }

  forget(uid: string): void {
    this.states.delete(uid);
    rmSync(join(this.dir, `${uid}.json`), { force: true });
  }

  action(uid: string): VmAction | undefined {
    return this.actions.get(uid);
  }

  private run(uid: string, action: Omit<VmAction, 'done'>, fn: () => Promise<void>): VmAction {
    const full = action as VmAction;
    full.done = (async () => {
      try {
        await fn();
      } finally {
        if (this.actions.get(uid) === full) this.actions.delete(uid);
        this.notify(uid);
      }
    })();
    this.actions.set(uid, full);
    this.notify(uid);
    return full;
  }

  /** Starts the guest on `node`; the outcome lands in the state (node or startError). */
  start(st: VmState, node: string, spec: GuestSpec, applied: Record<string, unknown>): VmAction {
    return this.run(st.uid, { type: 'start', target: node }, async () => {
      const agent = this.nodes.agent(node);
      const t0 = Date.now();
      try {
        if (!agent) throw new Error(`node ${node} is not available`);
        await agent.start(spec);
        st.node = node;
        st.applied = applied;
        st.startError = undefined;
        st.lastExit = undefined;
        st.agentReady = false;
        st.guestOSInfo = undefined;
        st.lastStartTime = new Date().toISOString();
        st.launch.virtualMachineStarting = `${((Date.now() - t0) / 1000).toFixed(3)}s`;
        st.launch.guestOSAgentStarting = undefined;
        this.save(st);
        void this.probeAgent(st, node);
      } catch (e) {
        st.startError = (e as Error).message;
        this.save(st);
      }
    });
  }

  /** Waits for qemu-ga in the guest, then records its OS info. */
  private async probeAgent(st: VmState, node: string): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      const guest = this.nodes.agent(node)?.get(st.uid);
      if (!guest?.isAlive() || st.node !== node || Date.now() - t0 > 600_000) return;
      try {
        await guest.agent.ping(2000);
        st.guestOSInfo = { ...(await guest.agent.osInfo()) };
        st.agentReady = true;
        st.launch.guestOSAgentStarting = `${((Date.now() - t0) / 1000).toFixed(3)}s`;
        this.save(st);
        this.notify(st.uid);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Stops the guest: ACPI powerdown with a grace period, or a hard kill with `force`. */
  stop(
    st: VmState,
    opts: { force?: boolean; graceSeconds?: number; operation?: string },
  ): VmAction {
    const current = this.actions.get(st.uid);
    if (current?.type === 'stop' && !opts.force) return current;
    return this.run(
      st.uid,
      { type: 'stop', ...(opts.operation ? { operation: opts.operation } : {}) },
      async () => {
        const loc = this.nodes.locate(st.uid);
        if (loc) {
          if (opts.force) await loc.agent.kill(st.uid);
          else await loc.agent.stop(st.uid, { timeoutMs: (opts.graceSeconds ?? 60) * 1000 });
        }
        st.node = undefined;
        st.lastExit = undefined;
        st.agentReady = false;
        this.save(st);
      },
    );
  }

  /**
   * Live-migrates the guest to `target`: the target agent prepares an incoming QEMU with the
   * source's current devices, the source streams its state. `cancel` aborts (the guest keeps
   * running on the source).
   */
  migrate(
    st: VmState,
    target: string,
    opts: { operation: string; policy: LiveMigrationPolicy; force?: boolean },
  ): VmAction {
    let cancelled: string | undefined;
    let cancelNow: ((r: string) => void) | undefined;
    const action: Omit<VmAction, 'done'> = {
      type: 'migrate',
      operation: opts.operation,
      target,
      cancel: (reason) => {
        cancelled = reason;
        cancelNow?.(reason);
      },
    };
    return this.run(st.uid, action, async () => {
      const src = this.nodes.locate(st.uid);
      const dst = this.nodes.agent(target);
      const start = new Date().toISOString();
      const record: NonNullable<VmState['migration']> = {
        startTimestamp: start,
        source: { node: src?.node ?? st.node ?? '' },
        target: { node: target },
        result: '',
      };
      st.migration = record;
      this.save(st);
      const fail = (message: string) => {
        st.migration = {
          ...record,
          endTimestamp: new Date().toISOString(),
          result: 'Failed',
          message,
        };
        this.save(st);
      };
      if (!src || !dst)
        return fail(!src ? 'the guest is not running' : `node ${target} is not available`);
      const migrationId = `${opts.operation}-${Date.now()}`;
      try {
        const { uri } = await dst.prepareIncoming(src.guest.spec, { migrationId });
        if (cancelled) {
          await dst.kill(st.uid).catch(() => undefined);
          return fail(`cancelled: ${cancelled}`);
        }
        const m = src.agent.migrate(st.uid, {
          migrationId,
          uri,
          policy: opts.policy,
          // KubeVirt's per-migration bandwidth limit (migrations.bandwidthPerMigration, 64Mi).
          maxBandwidthBytesPerSecond: 64 * 1024 * 1024,
          ...(opts.force !== undefined ? { force: opts.force } : {}),
        });
        cancelNow = (r) => void m.cancel(r);
        const stop = this.nodes.onEvent((_n, e) => {
          if (e.type === 'migration' && e.migration.migrationId === migrationId) {
            (this.actions.get(st.uid) ?? action).progress = e.migration;
            this.notify(st.uid);
          }
        });
        const final = await m.done.finally(stop);
        if (final.state === 'completed') {
          st.node = target;
          st.migration = {
            ...record,
            endTimestamp: new Date().toISOString(),
            result: 'Succeeded',
          };
          this.save(st);
        } else {
          await dst.kill(st.uid).catch(() => undefined);
          fail(final.reason ?? `migration ${final.state}`);
        }
      } catch (e) {
        await dst.kill(st.uid).catch(() => undefined);
        fail((e as Error).message);
      }
    });
  }

  close(): void {
    this.unsubscribe();
    for (const a of this.actions.values()) a.cancel?.('sandbox shutting down');
  }
}
