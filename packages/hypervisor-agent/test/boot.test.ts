import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HypervisorAgent } from '../src/agent.ts';
import { ConsoleServer } from '../src/streams/ws-server.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { READY_MARKER, type TestArea, qemuPidsUnder } from '../src/testing/harness.ts';
import { newArea } from './area.ts';
import { RfbClient } from '../src/testing/rfb-client.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

// Acceptance 1: the demo disk boots to a login prompt, cloud-init's user can log in, VNC
// delivers a real screen and the guest agent answers.
let area: TestArea;
let images: GuestImages;
let agent: HypervisorAgent;
let server: ConsoleServer;
let console_: SerialConsole;

beforeAll(async () => {
  images = await ensureGuestImages();
  area = newArea();
  agent = area.agent();
  server = await ConsoleServer.listen({ resolveGuest: (id) => agent.get(id) });
  const spec = await area.demoSpec(images, 'boot1');
  await agent.start(spec);
  const guest = agent.require('boot1');
  console_ = await SerialConsole.open(guest.serial, 64 * 1024);
  await console_.expect(READY_MARKER, 90_000);
}, 120_000);

afterAll(async () => {
  await server?.close();
  const leaked = await area?.cleanup();
  expect(leaked).toBe(0);
  expect(qemuPidsUnder(area.root)).toEqual([]);
});

describe('demo guest boot', () => {
  it('shows a login prompt and lets the cloud-init user log in with its password', async () => {
    await console_.login('cloud', 'cloud');
    expect(await console_.run('id -un')).toBe('cloud');
    expect(await console_.run('hostname')).toBe('boot1');
  }, 90_000);

  it('gets the leased IP address by DHCP', async () => {
    const out = await console_.run('ip -4 -o addr show eth0');
    expect(out).toContain('10.66.0.23/24');
  }, 30_000);

  it('delivers a non-blank VGA framebuffer over the VNC websocket', async () => {
    const rfb = new RfbClient(server.url('boot1', 'vnc'), { 'user-agent': 'vitest' });
    try {
      const r = await rfb.handshake();
      expect(r.version).toBe('RFB 003.008');
      expect(r.width).toBeGreaterThan(0);
      expect(r.name).toContain('boot1');
      expect(r.distinctColors).toBeGreaterThan(1);
    } finally {
      rfb.close();
    }
  }, 30_000);

  it('answers guest agent ping and OS info', async () => {
    const ga = agent.require('boot1').agent;
    await ga.ping(15_000);
    const os = await ga.osInfo();
    expect(os.id).toBe('dvp-demo');
    expect(os.prettyName).toContain('DVP demo');
    expect(os.kernelRelease).toBe(images.kernelVersion);
    const r = await ga.exec('/bin/cat', ['/etc/hostname']);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'boot1\n' });
  }, 30_000);

  it('freezes and thaws guest filesystems for consistent snapshots', async () => {
    const ga = agent.require('boot1').agent;
    const frozen = await ga.fsFreeze();
    expect(frozen).toBe(1); // ext4 /data; vfat /boot cannot freeze and is skipped
    expect(await ga.fsFreezeStatus()).toBe('frozen');
    expect(await ga.fsThaw()).toBe(frozen);
    expect(await ga.fsFreezeStatus()).toBe('thawed');
  }, 30_000);

  it('boots the ISO variant from a CD-ROM (detected although qemu-img calls it raw)', async () => {
    const status = await agent.start({
      id: 'iso1',
      cpu: { cores: 1 },
      memoryMiB: 128,
      disks: [{ id: 'cd', path: images.iso, kind: 'image' }],
    });
    expect(status.spec.disks[0]).toMatchObject({ format: 'raw', media: 'cdrom' });
    const c = await SerialConsole.open(agent.require('iso1').serial, 64 * 1024);
    await c.expect(READY_MARKER, 90_000);
    await c.expect(/login: $/m, 30_000);
    await agent.kill('iso1');
  }, 120_000);

  it('powers off through the guest agent, reported as a guest shutdown, not a crash', async () => {
    const guest = agent.require('boot1');
    await guest.agent.shutdown();
    expect(await guest.exited).toMatchObject({
      phase: 'stopped',
      crashed: false,
      reason: 'guest-shutdown',
    });
  }, 60_000);
});
