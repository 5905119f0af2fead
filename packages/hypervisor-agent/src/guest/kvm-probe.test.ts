import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeKvm } from './kvm-probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'kvm-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for qemu-system-x86_64 that runs a shell snippet. */
function fakeQemu(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const base = { kernel: '/k', initrd: '/i', device: '/dev/null' };

describe('probeKvm', () => {
  it('says usable only when the guest reaches its ready marker', async () => {
    const qemu = fakeQemu('boots', 'echo "DVP-GUEST-READY hostname=x uptime=1"; exec sleep 30');
    expect(await probeKvm({ ...base, qemuBinary: qemu })).toEqual({
      usable: true,
      reason: 'guest booted under KVM',
    });
  });

  it('reports a KVM error exit with QEMU’s message', async () => {
    const qemu = fakeQemu('fails', 'echo "KVM internal error. Suberror: 1" >&2; exit 1');
    const r = await probeKvm({ ...base, qemuBinary: qemu });
    expect(r.usable).toBe(false);
    expect(r.reason).toContain('KVM internal error');
  });

  it('gives up on a guest that hangs', async () => {
    const qemu = fakeQemu('hangs', 'echo "Decompressing Linux..."; exec sleep 30');
    const r = await probeKvm({ ...base, qemuBinary: qemu, timeoutMs: 300 });
    expect(r).toEqual({ usable: false, reason: 'guest did not boot under KVM within 300 ms' });
  });

  it('does not even try without an accessible KVM device', async () => {
    const r = await probeKvm({ ...base, device: join(dir, 'no-kvm') });
    expect(r).toMatchObject({
      usable: false,
      reason: expect.stringContaining('not accessible') as string,
    });
  });
});
