import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** How a QEMU process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned QEMU, detached into its own process group so it outlives an agent restart. */
export interface QemuProcess {
  pid: number;
  child: ChildProcess;
  /** Offset into the stderr log where this process's output starts. */
  stderrOffset: number;
  exited: Promise<ProcessExit>;
}

/**
 * Spawns QEMU with stderr appended to a file rather than a pipe: a pipe would break (and QEMU
 * would get SIGPIPE) when the agent restarts, and re-adoption needs the guest to survive that.
 */
export function spawnQemu(binary: string, args: string[], stderrLog: string): QemuProcess {
  const fd = openSync(stderrLog, 'a');
  const stderrOffset = statSync(stderrLog).size;
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', fd] });
  } finally {
    closeSync(fd);
  }
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: 127, signal: null }));
  });
  if (child.pid === undefined) {
    return { pid: -1, child, stderrOffset, exited };
  }
  return { pid: child.pid, child, stderrOffset, exited };
}

/** True when a process with this pid exists (and is not a zombie we could still reap). */
export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A synchronous read is fine: /proc files are generated on demand and never block.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3 is the state; Z = zombie (exited, not reaped).
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}

/** The command line of a live process, or undefined. */
export async function cmdlineOf(pid: number): Promise<string[] | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s) => s.length > 0);
  } catch {
    return undefined;
  }
}

/** Reads the pid QEMU wrote with `-pidfile` (QEMU deletes it on a clean exit). */
export async function readPidfile(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the pid is gone or the timeout passes; returns whether it is gone. */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

/** The last non-empty lines QEMU wrote to stderr since `offset`, without timestamps. */
export async function stderrTail(path: string, offset = 0, lines = 4): Promise<string> {
  let text = '';
  try {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const start = Math.max(offset, size - 8192);
      const buf = Buffer.alloc(Math.max(0, size - start));
      await fh.read(buf, 0, buf.length, start);
      text = buf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
  return text
    .split('\n')
    .map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, '').trim())
    .filter((l) => l.length > 0)
    .slice(-lines)
    .join('\n');
}
