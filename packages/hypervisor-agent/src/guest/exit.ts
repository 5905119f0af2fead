import type { ProcessExit } from './process.ts';

/** How a guest's QEMU process ended. */
export interface GuestExit extends ProcessExit {
  phase: 'stopped' | 'crashed' | 'migrated';
  /** True when nobody asked for it: killed from outside, QEMU error, ... */
  crashed: boolean;
  /** Short machine-friendly cause, e.g. `guest-shutdown`, `host-qmp-quit`, `killed by signal SIGKILL`. */
  reason: string;
  /** QEMU's last stderr lines (errors such as a lock failure). */
  stderr: string;
}

/** What the guest knew when its process ended. */
export interface ExitContext {
  /** Phase at the time of exit. */
  phase: string;
  /** Why the agent asked QEMU to go (`graceful-stop`, `hard-stop`, `migrated`), if it did. */
  stopRequested: string | undefined;
  /** `reason` of QEMU's SHUTDOWN event, if one came (`guest-shutdown`, `host-qmp-quit`, ...). */
  guestShutdown: string | undefined;
}

/**
 * Decides whether an exit was a stop, a completed migration or a crash, and why. An exit nobody
 * asked for is a crash unless the guest powered itself off; the exit code of a re-adopted QEMU
 * is unknown (`null`), which must not turn a guest poweroff into a crash.
 */
export function classifyExit(ctx: ExitContext, exit: ProcessExit, stderr: string): GuestExit {
  const base = { code: exit.code, signal: exit.signal, stderr };
  if (ctx.phase === 'migrated' || ctx.stopRequested === 'migrated') {
    return { ...base, phase: 'migrated', crashed: false, reason: 'migrated' };
  }
  if (ctx.stopRequested !== undefined) {
    return {
      ...base,
      phase: 'stopped',
      crashed: false,
      reason: ctx.guestShutdown ?? ctx.stopRequested,
    };
  }
  if (
    ctx.guestShutdown === 'guest-shutdown' &&
    (exit.code === 0 || exit.code === null) &&
    !exit.signal
  ) {
    return { ...base, phase: 'stopped', crashed: false, reason: 'guest-shutdown' };
  }
  if (ctx.phase === 'incoming' && exit.code !== null && exit.code !== 0) {
    return { ...base, phase: 'stopped', crashed: false, reason: 'incoming-migration-failed' };
  }
  const reason = exit.signal
    ? `killed by signal ${exit.signal}`
    : exit.code === null
      ? 'QEMU process disappeared'
      : `QEMU exited with code ${exit.code}`;
  return { ...base, phase: 'crashed', crashed: true, reason };
}
