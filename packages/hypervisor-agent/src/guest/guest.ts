import { readFile, writeFile } from 'node:fs/promises';
import type { QmpEvent } from '../qmp/commands.ts';
import { SocketMonitor } from '../qmp/socket-monitor.ts';
import { SerialMux } from '../streams/serial.ts';
import { VncSessions } from '../streams/vnc.ts';
import { GuestAgentClient } from './guest-agent.ts';
import {
  isAlive,
  spawnQemu,
  stderrTail,
  waitForPidExit,
  type ProcessExit,
  type QemuProcess,
} from './process.ts';
import { buildQemuArgs } from './qemu-args.ts';
import { classifyExit, type GuestExit } from './exit.ts';
import type { GuestPaths } from './runtime-dir.ts';
import type { ResolvedGuestSpec } from './spec.ts';

export type { GuestExit } from './exit.ts';

/**
 * Lifecycle phase of a guest as the agent sees it.
 * `incoming`: a migration destination waiting for state; `migrated`: a source whose guest now
 * runs elsewhere; `lost`: found after an agent restart but no longer running.
 */
export type GuestPhase =
  | 'starting'
  | 'running'
  | 'paused'
  | 'stopping'
  | 'stopped'
  | 'crashed'
  | 'incoming'
  | 'migrating'
  | 'migrated'
  | 'lost';

/** Events a guest reports to its agent. */
export type GuestEvent =
  | { type: 'phase'; guestId: string; phase: GuestPhase; previous: GuestPhase; reason?: string }
  | { type: 'qmp'; guestId: string; event: QmpEvent }
  | ({ type: 'exit'; guestId: string } & GuestExit);

/** Where to run QEMU and how to report. */
export interface GuestRuntime {
  qemuBinary: string;
  onEvent: (event: GuestEvent) => void;
  /** Re-attaching to a QEMU that should already be up (shorter connect timeouts). */
  adopting?: boolean;
}

/** What the agent persists per guest so a restarted agent can re-adopt it. */
export interface GuestRecord {
  spec: ResolvedGuestSpec;
  pid: number;
  startedAt: string;
  incoming: boolean;
  seedPath?: string;
}

/** One QEMU guest: process, monitor, serial and VNC streams, guest agent channel. */
export class Guest {
  phase: GuestPhase = 'starting';
  readonly monitor: SocketMonitor;
  readonly serial: SerialMux;
  readonly vnc: VncSessions;
  readonly agent: GuestAgentClient;
  /** Resolves when the QEMU process is gone. */
  readonly exited: Promise<GuestExit>;
  private resolveExit: (exit: GuestExit) => void = () => undefined;
  private stopRequested: string | undefined;
  private guestShutdown: string | undefined;
  private proc: QemuProcess | undefined;
  private stderrOffset = 0;

  /** The guest's current devices (hotplug changes the disks). */
  get spec(): ResolvedGuestSpec {
    return this.currentSpec;
  }

  private currentSpec: ResolvedGuestSpec;

  private constructor(
    spec: ResolvedGuestSpec,
    readonly paths: GuestPaths,
    readonly pid: number,
    readonly startedAt: Date,
    private readonly runtime: GuestRuntime,
  ) {
    this.currentSpec = spec;
    this.monitor = new SocketMonitor({
      path: paths.qmp,
      // A re-adopted QEMU must answer at once; a fresh one may take a moment to create sockets.
      connectTimeoutMs: runtime.adopting ? 3000 : 15_000,
      greetingTimeoutMs: runtime.adopting ? 3000 : 10_000,
      defaultTimeoutMs: 30_000,
    });
    this.serial = new SerialMux(paths.serial, paths.serialLog);
    this.vnc = new VncSessions(paths.vnc);
    this.agent = new GuestAgentClient(paths.qga);
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** The guest's id. */
  get id(): string {
    return this.spec.id;
  }

  /** Spawns QEMU and waits until its monitor answers. Rejects (with QEMU's stderr) on failure. */
  static async launch(
    spec: ResolvedGuestSpec,
    paths: GuestPaths,
    runtime: GuestRuntime,
    opts: { incoming?: boolean; seedPath?: string } = {},
  ): Promise<Guest> {
    const args = buildQemuArgs(spec, paths, opts);
    const proc = spawnQemu(runtime.qemuBinary, args, paths.stderrLog);
    const guest = new Guest(spec, paths, proc.pid, new Date(), runtime);
    guest.proc = proc;
    guest.stderrOffset = proc.stderrOffset;
    void proc.exited.then((exit) => guest.onProcessExit(exit));
    const record: GuestRecord = {
      spec,
      pid: proc.pid,
      startedAt: guest.startedAt.toISOString(),
      incoming: opts.incoming ?? false,
      ...(opts.seedPath ? { seedPath: opts.seedPath } : {}),
    };
    await writeFile(paths.state, JSON.stringify(record, null, 2));
    const early = guest.exited.then((exit) => {
      throw new Error(`QEMU exited during start (${exit.reason}): ${exit.stderr}`);
    });
    try {
      await Promise.race([guest.attach(), early]);
    } catch (err) {
      // QEMU may open its monitor and then die (e.g. on a disk lock): prefer its own reason.
      const exit = await withTimeout(guest.exited, 3000);
      if (!exit) await guest.forceKill();
      const final = exit ?? (await guest.exited);
      if (err instanceof Error && err.message.startsWith('QEMU exited during start')) throw err;
      throw new Error(`QEMU exited during start (${final.reason}): ${final.stderr || String(err)}`);
    }
    void early.catch(() => undefined);
    guest.setPhase(opts.incoming ? 'incoming' : 'running');
    return guest;
  }

  /** Re-attaches to a QEMU started by an earlier agent (pid alive, sockets in place). */
  static async adopt(
    record: GuestRecord,
    paths: GuestPaths,
    runtime: GuestRuntime,
  ): Promise<Guest> {
    const guest = new Guest(record.spec, paths, record.pid, new Date(record.startedAt), {
      ...runtime,
      adopting: true,
    });
    guest.stderrOffset = 0;
    let status: string;
    try {
      await guest.attach();
      status = (await guest.monitor.execute('query-status')).status;
    } catch (err) {
      await guest.detach(); // the caller decides what happens to the process
      throw err;
    }
    void guest.watchAdoptedPid();
    guest.setPhase(
      status === 'inmigrate'
        ? 'incoming'
        : status === 'postmigrate'
          ? 'migrated'
          : status === 'paused'
            ? 'paused'
            : 'running',
      'adopted',
    );
    return guest;
  }

  /** ACPI power button, then `quit` after `timeoutMs`, then SIGKILL. Resolves on exit. */
  async stop(timeoutMs = 30_000): Promise<GuestExit> {
    if (!this.isAlive()) return this.exited;
    this.stopRequested ??= 'graceful-stop';
    this.setPhase('stopping');
    try {
      await this.monitor.execute('system_powerdown', undefined, { timeoutMs: 5000 });
    } catch {
      // The process may be exiting already; the exit promise decides.
    }
    const exit = await withTimeout(this.exited, timeoutMs);
    return exit ?? this.kill();
  }

  /** Hard stop: `quit`, then SIGKILL if QEMU does not go within 5 s. */
  async kill(): Promise<GuestExit> {
    if (!this.isAlive()) return this.exited;
    this.stopRequested ??= 'hard-stop';
    if (this.phase !== 'stopping' && this.stopRequested !== 'migrated') this.setPhase('stopping');
    try {
      await this.monitor.execute('quit', undefined, { timeoutMs: 3000 });
    } catch {
      // fall through to SIGKILL
    }
    const exit = await withTimeout(this.exited, 5000);
    if (exit) return exit;
    await this.forceKill();
    return this.exited;
  }

  /** Hardware reset (`system_reset`). */
  async reset(): Promise<void> {
    await this.monitor.execute('system_reset');
  }

  /** Pauses the vCPUs (`stop`). */
  async pause(): Promise<void> {
    await this.monitor.execute('stop');
    this.setPhase('paused');
  }

  /** Resumes the vCPUs (`cont`). */
  async resume(): Promise<void> {
    await this.monitor.execute('cont');
    this.setPhase('running');
  }

  /** Replaces the recorded devices (after hotplug) and persists them for re-adoption. */
  async updateSpec(spec: ResolvedGuestSpec): Promise<void> {
    this.currentSpec = spec;
    const record = JSON.parse(await readFile(this.paths.state, 'utf8')) as GuestRecord;
    await writeFile(this.paths.state, JSON.stringify({ ...record, spec }, null, 2));
  }

  /** Marks the exit as intended (used by migration before it quits the source). */
  expectExit(reason: string): void {
    this.stopRequested = reason;
  }

  /** Closes the agent's connections without touching QEMU (agent shutdown, restart tests). */
  async detach(): Promise<void> {
    this.detached = true;
    this.serial.close('agent detached');
    this.vnc.close('agent detached');
    this.agent.close();
    await this.monitor.close();
  }

  /** True while the QEMU process exists. */
  isAlive(): boolean {
    return !this.exitedFlag && isAlive(this.pid);
  }

  /** Changes the phase and reports it. */
  setPhase(phase: GuestPhase, reason?: string): void {
    if (phase === this.phase) return;
    const previous = this.phase;
    this.phase = phase;
    this.runtime.onEvent({
      type: 'phase',
      guestId: this.id,
      phase,
      previous,
      ...(reason ? { reason } : {}),
    });
  }

  private detached = false;
  private exitedFlag = false;

  private async attach(): Promise<void> {
    await this.monitor.connect();
    void this.pumpEvents();
    await this.serial.start().catch(() => undefined);
  }

  private async pumpEvents(): Promise<void> {
    for await (const event of this.monitor.events()) {
      this.runtime.onEvent({ type: 'qmp', guestId: this.id, event });
      const data = event.data ?? {};
      if (event.event === 'SHUTDOWN') {
        this.guestShutdown = typeof data.reason === 'string' ? data.reason : 'shutdown';
      } else if (event.event === 'STOP' && this.phase === 'running') {
        this.setPhase('paused');
      } else if (
        event.event === 'RESUME' &&
        (this.phase === 'paused' || this.phase === 'incoming')
      ) {
        this.setPhase('running');
      }
    }
  }

  private async watchAdoptedPid(): Promise<void> {
    // Not our child: no exit event, so poll the pid until it goes (or the agent detaches).
    while (!this.detached && !this.exitedFlag) {
      if (await waitForPidExit(this.pid, 250)) {
        await this.onProcessExit({ code: null, signal: null });
        return;
      }
    }
  }

  private async forceKill(): Promise<void> {
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    if (!this.proc) await this.onProcessExit({ code: null, signal: 'SIGKILL' });
  }

  private async onProcessExit(exit: ProcessExit): Promise<void> {
    if (this.exitedFlag) return;
    this.exitedFlag = true;
    const stderr = await stderrTail(this.paths.stderrLog, this.stderrOffset);
    const result = classifyExit(
      { phase: this.phase, stopRequested: this.stopRequested, guestShutdown: this.guestShutdown },
      exit,
      stderr,
    );
    this.serial.close(
      result.phase === 'crashed' ? `guest crashed: ${result.reason}` : 'guest stopped',
    );
    this.vnc.close('guest stopped');
    this.agent.close();
    await this.monitor.close();
    if (!this.detached) {
      this.runtime.onEvent({ type: 'exit', guestId: this.id, ...result });
      this.setPhase(result.phase, result.reason);
    }
    this.resolveExit(result);
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
