import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent, HypervisorAgent } from '../src/agent.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { READY_MARKER, type TestArea, qemuPidsUnder } from '../src/testing/harness.ts';
import { newArea } from './area.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

// Acceptance 2: graceful stop, hard stop, reset, pause/resume, crash reporting.
let area: TestArea;
let images: GuestImages;
let agent: HypervisorAgent;
const events: AgentEvent[] = [];

async function bootGuest(id: string): Promise<SerialConsole> {
  await agent.start(await area.demoSpec(images, id));
  const c = await SerialConsole.open(agent.require(id).serial, 64 * 1024);
  await c.expect(READY_MARKER, 90_000);
  return c;
}

function qmpEvents(id: string): string[] {
  return events.flatMap((e) => (e.type === 'qmp' && e.guestId === id ? [e.event.event] : []));
}

beforeAll(async () => {
  images = await ensureGuestImages();
  area = newArea();
  agent = area.agent();
  agent.on('event', (e: AgentEvent) => events.push(e));
}, 120_000);

afterAll(async () => {
  const leaked = await area?.cleanup();
  expect(leaked).toBe(0);
  expect(qemuPidsUnder(area.root)).toEqual([]);
});

describe('guest lifecycle', () => {
  it('pauses (the guest stops answering) and resumes', async () => {
    await bootGuest('life1');
    const ga = agent.require('life1').agent;
    await agent.pause('life1');
    expect(agent.require('life1').phase).toBe('paused');
    expect((await agent.require('life1').monitor.execute('query-status')).status).toBe('paused');
    await expect(ga.ping(1000)).rejects.toThrow();
    await agent.resume('life1');
    expect(agent.require('life1').phase).toBe('running');
    await ga.ping(15_000);
    expect(qmpEvents('life1')).toEqual(expect.arrayContaining(['STOP', 'RESUME']));
  }, 120_000);

  it('resets the guest, which boots again', async () => {
    const c = await SerialConsole.open(agent.require('life1').serial);
    await agent.reset('life1');
    await c.expect('SYSLINUX', 30_000);
    await c.expect(READY_MARKER, 90_000);
    c.detach();
    expect(qmpEvents('life1')).toContain('RESET');
  }, 150_000);

  it('stops gracefully through ACPI within seconds', async () => {
    const started = Date.now();
    const exit = await agent.stop('life1', { timeoutMs: 60_000 });
    const took = Date.now() - started;
    expect(exit).toMatchObject({ phase: 'stopped', crashed: false, reason: 'guest-shutdown' });
    expect(took).toBeLessThan(30_000);
    expect(qmpEvents('life1')).toEqual(expect.arrayContaining(['POWERDOWN', 'SHUTDOWN']));
    expect(agent.get('life1')).toBeUndefined();
  }, 90_000);

  it('hard-stops a guest at once', async () => {
    await agent.start(await area.demoSpec(images, 'life2'));
    const exit = await agent.kill('life2');
    expect(exit).toMatchObject({ phase: 'stopped', crashed: false, reason: 'host-qmp-quit' });
    const phases = events.flatMap((e) =>
      e.type === 'phase' && e.guestId === 'life2' ? [e.phase] : [],
    );
    expect(phases).toEqual(['running', 'stopping', 'stopped']);
  }, 60_000);

  it('reports a guest killed from outside as crashed, with the reason', async () => {
    const status = await agent.start(await area.demoSpec(images, 'life3'));
    const guest = agent.require('life3');
    process.kill(status.pid, 'SIGKILL');
    const exit = await guest.exited;
    expect(exit).toMatchObject({
      phase: 'crashed',
      crashed: true,
      reason: 'killed by signal SIGKILL',
    });
    const exitEvent = events.find((e) => e.type === 'exit' && e.guestId === 'life3');
    expect(exitEvent).toMatchObject({ crashed: true, signal: 'SIGKILL' });
    expect(guest.phase).toBe('crashed');
  }, 60_000);

  it('fails to start a second guest on a disk in use, with QEMU stderr as the reason', async () => {
    const spec = await area.demoSpec(images, 'life4');
    await agent.start(spec);
    const err = await agent.start({ ...spec, id: 'life5' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Failed to get "write" lock/);
    expect(agent.get('life5')).toBeUndefined();
    await agent.kill('life4');
  }, 60_000);

  it('rejects a bad spec before spawning anything', async () => {
    const spec = await area.demoSpec(images, 'bad');
    await expect(agent.start({ ...spec, cpu: { cores: 17 }, memoryMiB: 32 })).rejects.toThrow(
      /multiple of 2.*memoryMiB/,
    );
  });

  it('refuses KVM until a boot probe proved it works', async () => {
    const spec = await area.demoSpec(images, 'kvm1');
    await expect(agent.start({ ...spec, accel: 'kvm' })).rejects.toThrow(/KVM has not been proven/);
  });
});
