import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Files of one guest's runtime directory. */
export interface GuestPaths {
  dir: string;
  qmp: string;
  serial: string;
  serialLog: string;
  vnc: string;
  qga: string;
  pidfile: string;
  stderrLog: string;
  seed: string;
  /** The spec and agent metadata, for re-adoption after an agent restart. */
  state: string;
}

/** Unix socket paths must fit `sun_path` (108 bytes including the NUL). */
const SUN_PATH_MAX = 107;
const SOCKETS = ['qmp.sock', 'serial.sock', 'vnc.sock', 'qga.sock'] as const;

/**
 * Directory name for a guest id: readable when the id is short and safe, hashed otherwise,
 * so socket paths stay short whatever the sandbox uses as ids.
 */
export function guestDirName(id: string): string {
  if (/^[A-Za-z0-9_.-]{1,24}$/.test(id) && !id.startsWith('.')) return id;
  return `g-${createHash('sha1').update(id).digest('hex').slice(0, 16)}`;
}

/** Paths of a guest under the agent's runtime root; throws when sockets would not fit. */
export function guestPaths(root: string, id: string): GuestPaths {
  const dir = join(root, guestDirName(id));
  const p = (f: string) => join(dir, f);
  const longest = p('serial.sock');
  if (Buffer.byteLength(longest) > SUN_PATH_MAX) {
    throw new Error(`runtime dir ${root} is too long for unix sockets (${longest})`);
  }
  return {
    dir,
    qmp: p('qmp.sock'),
    serial: p('serial.sock'),
    serialLog: p('serial.log'),
    vnc: p('vnc.sock'),
    qga: p('qga.sock'),
    pidfile: p('qemu.pid'),
    stderrLog: p('stderr.log'),
    seed: p('cidata.img'),
    state: p('guest.json'),
  };
}

/** Creates the directory and removes sockets a previous QEMU left behind (it leaves vnc.sock). */
export async function prepareGuestDir(paths: GuestPaths): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await Promise.all(SOCKETS.map((s) => rm(join(paths.dir, s), { force: true })));
  await rm(paths.pidfile, { force: true });
}
