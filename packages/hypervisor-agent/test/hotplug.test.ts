import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HypervisorAgent } from '../src/agent.ts';
import type { Guest } from '../src/guest/guest.ts';
import { createImage } from '../src/images/qemu-img.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { READY_MARKER, type TestArea, qemuPidsUnder } from '../src/testing/harness.ts';
import { newArea } from './area.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

// Acceptance 4: disks appear in and disappear from a running guest; online resize is visible.
let area: TestArea;
let images: GuestImages;
let agent: HypervisorAgent;
let guest: Guest;

async function sh(cmd: string): Promise<string> {
  const r = await guest.agent.exec('/bin/sh', ['-c', cmd]);
  return r.stdout.trim();
}

/** The block device whose serial is `serial`, e.g. `vdc`, or '' when there is none. */
function deviceWithSerial(serial: string): Promise<string> {
  return sh(
    `for d in /sys/block/vd*; do [ "$(cat $d/serial 2>/dev/null)" = ${serial} ] && echo \${d##*/}; done; true`,
  );
}

beforeAll(async () => {
  images = await ensureGuestImages();
  area = newArea();
  agent = area.agent();
  await agent.start(await area.demoSpec(images, 'hp1'));
  guest = agent.require('hp1');
  const c = await SerialConsole.open(guest.serial, 64 * 1024);
  await c.expect(READY_MARKER, 90_000);
  c.detach();
}, 120_000);

afterAll(async () => {
  const leaked = await area?.cleanup();
  expect(leaked).toBe(0);
  expect(qemuPidsUnder(area.root)).toEqual([]);
});

describe('disk hotplug', () => {
  it('adds a disk that appears in /sys/block, resizes it online, then removes it', async () => {
    const path = join(area.root, 'hot.qcow2');
    await createImage(path, 8 * 1024 * 1024);
    await agent.hotplugDisk('hp1', { id: 'hot-data', path, kind: 'disk' });
    await expect.poll(() => deviceWithSerial('hot-data'), { timeout: 20_000 }).toMatch(/^vd[a-z]$/);
    const dev = await deviceWithSerial('hot-data');
    expect(await sh(`cat /sys/block/${dev}/size`)).toBe(String((8 * 1024 * 1024) / 512));
    expect(agent.require('hp1').spec.disks.map((d) => d.id)).toContain('hot-data');

    await agent.resizeDisk('hp1', 'hot-data', 24 * 1024 * 1024);
    await expect
      .poll(() => sh(`cat /sys/block/${dev}/size`), { timeout: 10_000 })
      .toBe(String((24 * 1024 * 1024) / 512));

    await agent.unplugDisk('hp1', 'hot-data');
    await expect.poll(() => deviceWithSerial('hot-data'), { timeout: 20_000 }).toBe('');
    expect(agent.require('hp1').spec.disks.map((d) => d.id)).not.toContain('hot-data');
  }, 120_000);

  it('attaches an ISO image read-only', async () => {
    await agent.hotplugDisk('hp1', { id: 'iso', path: images.iso, kind: 'image' });
    await expect.poll(() => deviceWithSerial('iso'), { timeout: 20_000 }).toMatch(/^vd[a-z]$/);
    const dev = await deviceWithSerial('iso');
    expect(await sh(`cat /sys/block/${dev}/ro`)).toBe('1');
    await expect(agent.resizeDisk('hp1', 'iso', 1 << 30)).rejects.toThrow(/read-only/);
    await agent.unplugDisk('hp1', 'iso');
  }, 90_000);

  it('refuses to attach the same disk twice or to remove an unknown one', async () => {
    await expect(
      agent.hotplugDisk('hp1', { id: 'root', path: images.disk, kind: 'disk' }),
    ).rejects.toThrow(/already attached/);
    await expect(agent.unplugDisk('hp1', 'nope')).rejects.toThrow(/not attached/);
  });
});
