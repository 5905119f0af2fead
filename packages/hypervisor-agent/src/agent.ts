import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSeedImage } from './guest/cloud-init.ts';
import {
  Guest,
  type GuestEvent,
  type GuestExit,
  type GuestPhase,
  type GuestRecord,
} from './guest/guest.ts';
import { cmdlineOf, isAlive, readPidfile, waitForPidExit } from './guest/process.ts';
import { resolveSpec } from './guest/resolve.ts';
import { guestPaths, prepareGuestDir, type GuestPaths } from './guest/runtime-dir.ts';
import { probeKvm, type KvmProbeOptions, type KvmProbeResult } from './guest/kvm-probe.ts';
import { hotplugDisk, resizeDisk, unplugDisk } from './guest/hotplug.ts';
import {
  validateGuestSpec,
  type GuestDiskSpec,
  type GuestSpec,
  type ResolvedGuestSpec,
} from './guest/spec.ts';
import { EventHub } from './util/event-hub.ts';
import { Migration, type MigrationEvent, type MigrationOptions } from './guest/migration.ts';

/** Everything the agent reports: guest lifecycle, QMP events, migration progress. */
export type AgentEvent = GuestEvent | MigrationEvent;

/** Options of {@link HypervisorAgent}. */
export interface AgentOptions {
  /** Per-node runtime root holding one directory per guest (keep it short: unix sockets). */
  runtimeDir: string;
  /** QEMU binary (default `qemu-system-x86_64`). */
  qemuBinary?: string;
  /** qemu-img binary (default `qemu-img`). */
  qemuImgBinary?: string;
}

/** A guest as the agent reports it. */
export interface GuestStatus {
  id: string;
  phase: GuestPhase;
  pid: number;
  startedAt: string;
  spec: ResolvedGuestSpec;
  paths: GuestPaths;
}

/** What {@link HypervisorAgent.recover} found after a restart. */
export interface RecoveryReport {
  adopted: string[];
  lost: { id: string; reason: string }[];
}

/** A guest with this id is already running on this agent. */
export class GuestExistsError extends Error {
  override readonly name = 'GuestExistsError';
}

/** No running guest with this id. */
export class GuestNotFoundError extends Error {
  override readonly name = 'GuestNotFoundError';
}

/**
 * The per-node hypervisor agent the sandbox drives: runs QEMU guests from {@link GuestSpec}s,
 * reports their events, serves their consoles, migrates them to another agent and re-adopts them
 * after its own restart. Also an EventEmitter of `event` for callers that prefer callbacks.
 */
export class HypervisorAgent extends EventEmitter {
  /** Guests with a live (or just-exited) QEMU process, by id. */
  protected readonly guests = new Map<string, Guest>();
  private readonly hub = new EventHub<AgentEvent>();
  private readonly migrations = new Map<string, Migration>();
  private kvm: Promise<KvmProbeResult> | undefined;
  private readonly incoming = new Map<string, Promise<{ uri: string }>>();
  readonly qemuBinary: string;

  constructor(readonly options: AgentOptions) {
    super();
    this.qemuBinary = options.qemuBinary ?? 'qemu-system-x86_64';
  }

  /** Every agent event from now on (until close() or `signal`). */
  events(signal?: AbortSignal): AsyncIterableIterator<AgentEvent> {
    return this.hub.subscribe(signal);
  }

  /** Reports an event to subscribers and `event` listeners. */
  protected publish(event: AgentEvent): void {
    this.hub.publish(event);
    this.emit('event', event);
  }

  /** Starts a guest; resolves once QEMU runs and its monitor answers. */
  async start(spec: GuestSpec): Promise<GuestStatus> {
    const guest = await this.launch(spec, false);
    return this.describe(guest);
  }

  /** Graceful stop: ACPI power button, `quit` after `timeoutMs`. */
  async stop(id: string, opts: { timeoutMs?: number } = {}): Promise<GuestExit> {
    return this.require(id).stop(opts.timeoutMs);
  }

  /** Hard stop. */
  async kill(id: string): Promise<GuestExit> {
    return this.require(id).kill();
  }

  /** Hardware reset. */
  async reset(id: string): Promise<void> {
    await this.require(id).reset();
  }

  /** Pauses the guest's vCPUs. */
  async pause(id: string): Promise<void> {
    await this.require(id).pause();
  }

  /** Resumes the guest's vCPUs. */
  async resume(id: string): Promise<void> {
    await this.require(id).resume();
  }

  /** Hot-plugs a disk or image into a running guest. */
  async hotplugDisk(id: string, disk: GuestDiskSpec): Promise<void> {
    await hotplugDisk(this.require(id), disk, this.options.qemuImgBinary);
  }

  /** Hot-unplugs a disk; resolves once the guest released it. */
  async unplugDisk(id: string, diskId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
    await unplugDisk(this.require(id), diskId, opts.timeoutMs);
  }

  /** Grows an attached disk online. */
  async resizeDisk(id: string, diskId: string, sizeBytes: number): Promise<void> {
    await resizeDisk(this.require(id), diskId, sizeBytes);
  }

  /**
   * Runs the KVM boot probe (once; the result is cached). Guests may ask for `accel: 'kvm'`
   * only after it succeeded; TCG is the default everywhere.
   */
  async probeKvm(opts: KvmProbeOptions): Promise<KvmProbeResult> {
    this.kvm ??= probeKvm({ qemuBinary: this.qemuBinary, ...opts });
    return this.kvm;
  }

  /** The guest object (streams, guest agent, monitor) or undefined. */
  get(id: string): Guest | undefined {
    return this.guests.get(id);
  }

  /** The guest object; throws GuestNotFoundError. */
  require(id: string): Guest {
    const g = this.guests.get(id);
    if (!g) throw new GuestNotFoundError(`guest ${id} is not running on this agent`);
    return g;
  }

  /** Status of every guest the agent tracks. */
  list(): GuestStatus[] {
    return [...this.guests.values()].map((g) => this.describe(g));
  }

  /**
   * Destination side of a live migration: starts the guest with identical devices and
   * `-incoming defer`, then listens on a free loopback port. Returns the URI for the source.
   * One-shot per migration id: asking again returns the same URI.
   */
  prepareIncoming(spec: GuestSpec, opts: { migrationId: string }): Promise<{ uri: string }> {
    let p = this.incoming.get(opts.migrationId);
    if (!p) {
      p = this.startIncoming(spec);
      this.incoming.set(opts.migrationId, p);
      p.catch(() => this.incoming.delete(opts.migrationId));
    }
    return p;
  }

  /**
   * Source side: migrates a running guest to the URI a destination agent prepared. One-shot per
   * migration id: starting the same id again returns the existing attempt (a no-op).
   */
  migrate(guestId: string, options: MigrationOptions): Migration {
    const existing = this.migrations.get(options.migrationId);
    if (existing) return existing;
    const guest = this.require(guestId);
    if (guest.phase !== 'running' && guest.phase !== 'paused') {
      throw new Error(`guest ${guestId} cannot migrate while ${guest.phase}`);
    }
    const migration = new Migration(guest, options, (e) => this.publish(e));
    this.migrations.set(options.migrationId, migration);
    return migration;
  }

  /** A migration attempt this agent runs as source, by id. */
  migration(migrationId: string): Migration | undefined {
    return this.migrations.get(migrationId);
  }

  /**
   * Re-adopts guests a previous agent started in the same runtime directory (pidfile alive, the
   * process is that guest's QEMU, its monitor answers). Everything else is reported lost; a QEMU
   * that is alive but does not answer is killed so it cannot leak.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { adopted: [], lost: [] };
    await mkdir(this.options.runtimeDir, { recursive: true });
    for (const name of await readdir(this.options.runtimeDir)) {
      const stateFile = join(this.options.runtimeDir, name, 'guest.json');
      let record: GuestRecord;
      try {
        record = JSON.parse(await readFile(stateFile, 'utf8')) as GuestRecord;
      } catch {
        continue; // not a guest directory, or a guest that stopped cleanly
      }
      const id = record.spec.id;
      if (this.guests.has(id)) continue;
      const paths = guestPaths(this.options.runtimeDir, id);
      const pid = (await readPidfile(paths.pidfile)) ?? record.pid;
      const cmdline = isAlive(pid) ? await cmdlineOf(pid) : undefined;
      if (!cmdline?.some((a) => a.includes(paths.qmp))) {
        report.lost.push({ id, reason: 'QEMU process is gone' });
        await this.forget(paths, id, 'lost', 'QEMU process is gone');
        continue;
      }
      try {
        const guest = await Guest.adopt({ ...record, pid }, paths, this.runtime());
        this.track(guest);
        report.adopted.push(id);
      } catch (err) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
        await waitForPidExit(pid, 5000);
        const reason = `monitor did not answer: ${(err as Error).message}`;
        report.lost.push({ id, reason });
        await this.forget(paths, id, 'lost', reason);
      }
    }
    return report;
  }

  /**
   * Shuts the agent down. With `stopGuests` (default) every guest is hard-stopped; without it the
   * agent only lets go of them, and a new agent on the same runtime dir can re-adopt them.
   */
  async close(opts: { stopGuests?: boolean } = {}): Promise<void> {
    const guests = [...this.guests.values()];
    if (opts.stopGuests ?? true) await Promise.all(guests.map((g) => g.kill()));
    else await Promise.all(guests.map((g) => g.detach()));
    this.guests.clear();
    this.hub.close();
  }

  /** Spawns a guest (or a migration destination with `-incoming defer`). */
  protected async launch(spec: GuestSpec, incoming: boolean): Promise<Guest> {
    validateGuestSpec(spec);
    if (spec.accel === 'kvm' && !(await this.kvm)?.usable) {
      throw new Error('KVM has not been proven usable on this node (run probeKvm); use tcg');
    }
    const existing = this.guests.get(spec.id);
    if (existing?.isAlive()) throw new GuestExistsError(`guest ${spec.id} is already running`);
    const resolved = await resolveSpec(spec, this.options.qemuImgBinary);
    const paths = guestPaths(this.options.runtimeDir, spec.id);
    await prepareGuestDir(paths);
    let seedPath: string | undefined;
    if (spec.cloudInit) {
      seedPath = paths.seed;
      await writeSeedImage(seedPath, spec.cloudInit, spec.id);
    }
    const guest = await Guest.launch(resolved, paths, this.runtime(), {
      incoming,
      ...(seedPath ? { seedPath } : {}),
    });
    this.track(guest);
    return guest;
  }

  private async startIncoming(spec: GuestSpec): Promise<{ uri: string }> {
    const guest = await this.launch(spec, true);
    try {
      await guest.monitor.execute('migrate-set-capabilities', {
        capabilities: [{ capability: 'events', state: true }],
      });
      // Port 0: the kernel picks a free port and QEMU reports it, so agents never race for one.
      await guest.monitor.execute('migrate-incoming', { uri: 'tcp:127.0.0.1:0' });
      const info = await guest.monitor.execute('query-migrate');
      const port = info['socket-address']?.find((a) => a.port !== undefined)?.port;
      if (!port) throw new Error('destination QEMU did not report its migration port');
      return { uri: `tcp:127.0.0.1:${port}` };
    } catch (err) {
      await guest.kill();
      throw err;
    }
  }

  /** Registers a guest and cleans up after its exit. */
  protected track(guest: Guest): void {
    this.guests.set(guest.id, guest);
    void guest.exited.then(async () => {
      if (this.guests.get(guest.id) === guest) this.guests.delete(guest.id);
      // Keep logs (serial scrollback) but drop the record: a stopped guest is not "lost".
      await rm(guest.paths.state, { force: true });
    });
  }

  private runtime() {
    return { qemuBinary: this.qemuBinary, onEvent: (e: GuestEvent) => this.publish(e) };
  }

  private async forget(
    paths: GuestPaths,
    id: string,
    phase: GuestPhase,
    reason: string,
  ): Promise<void> {
    await rm(paths.state, { force: true });
    await prepareGuestDir(paths); // removes stale sockets and the pidfile
    this.publish({ type: 'phase', guestId: id, phase, previous: 'running', reason });
  }

  private describe(g: Guest): GuestStatus {
    return {
      id: g.id,
      phase: g.phase,
      pid: g.pid,
      startedAt: g.startedAt.toISOString(),
      spec: g.spec,
      paths: g.paths,
    };
  }
}
