import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorAgent, type AgentOptions } from '../agent.ts';
import type { GuestSpec } from '../guest/spec.ts';
import { createOverlay } from '../images/qemu-img.ts';
import type { GuestImages } from './guest-images.ts';

/** The seeds' cloud-init user: `cloud` / `cloud` (SHA-512 crypt, rounds=4096, salt "saltsalt"). */
export const CLOUD_USER_DATA = `#cloud-config
ssh_pwauth: True
users:
  - name: cloud
    passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"
    shell: /bin/bash
    sudo: ALL=(ALL) NOPASSWD:ALL
    lock_passwd: False
`;

/** Marker line the demo guest prints on ttyS0 once init is done. */
export const READY_MARKER = /DVP-GUEST-READY hostname=\S+ uptime=[\d.]+/;

/**
 * A scratch area for one test file: a short directory under /tmp (unix socket paths must stay
 * under 108 bytes) holding agent runtime dirs and disk overlays. `cleanup()` kills every QEMU
 * whose command line points into it, so no test can leak a guest even when it fails.
 */
export class TestArea {
  readonly root: string;
  private readonly agents: HypervisorAgent[] = [];

  constructor(parent = '/tmp', prefix = 'dvp-at-') {
    mkdirSync(parent, { recursive: true });
    this.root = mkdtempSync(join(parent, prefix));
  }

  /** A new agent with its own runtime dir under this area. */
  agent(name = 'node-a', extra: Partial<AgentOptions> = {}): HypervisorAgent {
    const agent = new HypervisorAgent({ runtimeDir: join(this.root, name), ...extra });
    this.agents.push(agent);
    return agent;
  }

  /** A guest spec for the demo image: its own qcow2 overlay, the seeds' cloud user, a NIC. */
  async demoSpec(
    images: GuestImages,
    id: string,
    extra: Partial<GuestSpec> = {},
  ): Promise<GuestSpec> {
    const disks = join(this.root, 'disks');
    mkdirSync(disks, { recursive: true });
    const overlay = join(disks, `${id}-root.qcow2`);
    await createOverlay(overlay, images.disk);
    return {
      id,
      cpu: { cores: 1 },
      memoryMiB: 128,
      disks: [{ id: 'root', path: overlay, kind: 'disk', format: 'qcow2', media: 'disk' }],
      cloudInit: { userData: `${CLOUD_USER_DATA}hostname: ${id}\n` },
      nics: [{ id: 'main', ip: '10.66.0.23', prefixLength: 24, mac: '52:54:00:12:34:56' }],
      ...extra,
    };
  }

  /** Stops every agent's guests, kills any QEMU left in this area and removes it. */
  async cleanup(): Promise<number> {
    await Promise.allSettled(this.agents.map((a) => a.close({ stopGuests: true })));
    const killed = killQemusUnder(this.root);
    rmSync(this.root, { recursive: true, force: true });
    return killed;
  }
}

/** SIGKILLs every qemu-system process whose command line mentions `dir`; returns how many. */
export function killQemusUnder(dir: string): number {
  let killed = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.startsWith('qemu-system') || cmdline.includes('/qemu-system')) {
      if (cmdline.includes(dir)) {
        try {
          process.kill(Number(entry), 'SIGKILL');
          killed++;
        } catch {
          // already gone
        }
      }
    }
  }
  return killed;
}

/** Pids of live qemu-system processes whose command line mentions `dir`. */
export function qemuPidsUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes('qemu-system') && cmdline.includes(dir) && !/\) Z /.test(stat)) {
        pids.push(Number(entry));
      }
    } catch {
      // raced with exit
    }
  }
  return pids;
}
