import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

/** Outcome of {@link probeKvm}. */
export interface KvmProbeResult {
  usable: boolean;
  reason: string;
}

/** Options of {@link probeKvm}. */
export interface KvmProbeOptions {
  /** Kernel and initrd of the demo guest (direct boot, no disk needed). */
  kernel: string;
  initrd: string;
  qemuBinary?: string;
  /** Give up after this long (a broken nested KVM hangs in the decompressor). Default 30 s. */
  timeoutMs?: number;
  /** Device to check first (default /dev/kvm). */
  device?: string;
}

/** The demo guest prints this on its serial port once it has fully booted. */
const READY = 'DVP-GUEST-READY';

/**
 * Decides whether KVM really works by booting the demo guest with `-accel kvm` and waiting for
 * its ready marker. `/dev/kvm` existing proves nothing: on nested hosts (e.g. a microVM with
 * kvm_pvm) KVM opens fine and then fails on the first real-mode IRET or crawls forever.
 */
export async function probeKvm(opts: KvmProbeOptions): Promise<KvmProbeResult> {
  const device = opts.device ?? '/dev/kvm';
  try {
    await access(device, constants.R_OK | constants.W_OK);
  } catch {
    return { usable: false, reason: `${device} is not accessible` };
  }
  const args = [
    '-machine',
    'q35',
    '-accel',
    'kvm',
    '-cpu',
    'host',
    '-m',
    '128',
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-serial',
    'stdio',
    '-no-reboot',
    '-kernel',
    opts.kernel,
    '-initrd',
    opts.initrd,
    '-append',
    'console=ttyS0,115200 quiet nokaslr panic=-1',
  ];
  const child = spawn(opts.qemuBinary ?? 'qemu-system-x86_64', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise<KvmProbeResult>((resolve) => {
    const finish = (r: KvmProbeResult) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(r);
    };
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const timer = setTimeout(
      () =>
        finish({ usable: false, reason: `guest did not boot under KVM within ${timeoutMs} ms` }),
      timeoutMs,
    );
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('latin1');
      if (out.includes(READY)) finish({ usable: true, reason: 'guest booted under KVM' });
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', (e) => finish({ usable: false, reason: e.message }));
    // 'close', not 'exit': only then has all of stderr been read (the reason quotes it).
    child.once('close', (code) => {
      const last = err.trim().split('\n').slice(-2).join(' ');
      finish({ usable: false, reason: `QEMU exited (${code ?? 'signal'}) under KVM: ${last}` });
    });
  });
}
