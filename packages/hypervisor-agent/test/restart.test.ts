import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent, HypervisorAgent } from '../src/agent.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { READY_MARKER, type TestArea, qemuPidsUnder } from '../src/testing/harness.ts';
import { newArea } from './area.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

// Acceptance 6: an agent restart re-adopts running guests or reports them lost, never leaks them.
let area: TestArea;
let images: GuestImages;

beforeAll(async () => {
  images = await ensureGuestImages();
  area = newArea();
}, 120_000);

afterAll(async () => {
  const leaked = await area?.cleanup();
  expect(leaked).toBe(0);
  expect(qemuPidsUnder(area.root)).toEqual([]);
});

describe('agent restart', () => {
  it('re-adopts a running guest, reports a dead or hung one lost and kills the hung one', async () => {
    const first: HypervisorAgent = area.agent('node');
    const alive = await first.start(await area.demoSpec(images, 'keep'));
    const dead = await first.start(await area.demoSpec(images, 'dead'));
    const hung = await first.start(await area.demoSpec(images, 'hung'));
    const c = await SerialConsole.open(first.require('keep').serial, 64 * 1024);
    await c.expect(READY_MARKER, 90_000);
    await c.login('cloud', 'cloud');
    c.detach();

    // The agent goes away without stopping its guests; meanwhile one guest dies, one hangs.
    await first.close({ stopGuests: false });
    process.kill(dead.pid, 'SIGKILL');
    process.kill(hung.pid, 'SIGSTOP');

    const second = area.agent('node');
    const events: AgentEvent[] = [];
    second.on('event', (e: AgentEvent) => events.push(e));
    const report = await second.recover();
    expect(report.adopted).toEqual(['keep']);
    expect(report.lost.map((l) => l.id).sort()).toEqual(['dead', 'hung']);
    expect(report.lost.find((l) => l.id === 'hung')?.reason).toMatch(/monitor did not answer/);
    expect(qemuPidsUnder(area.root)).toEqual([alive.pid]);
    const lostEvents = events.filter((e) => e.type === 'phase' && e.phase === 'lost');
    expect(lostEvents.map((e) => e.guestId).sort()).toEqual(['dead', 'hung']);

    // The adopted guest is fully usable: monitor, serial session, guest agent, lifecycle.
    const keep = second.require('keep');
    expect(keep.phase).toBe('running');
    expect(keep.pid).toBe(alive.pid);
    const s = await SerialConsole.open(keep.serial);
    s.write('\r');
    await s.expect('cloud@keep:~$ ', 15_000);
    expect(await s.run('echo still-$((6*7))')).toBe('still-42');
    s.detach();
    await keep.agent.ping(15_000);
    expect(await second.recover()).toEqual({ adopted: [], lost: [] });

    const exit = await second.stop('keep', { timeoutMs: 60_000 });
    expect(exit).toMatchObject({ phase: 'stopped', reason: 'guest-shutdown' });
    expect(qemuPidsUnder(area.root)).toEqual([]);

    // Nothing is left to adopt after a clean stop.
    const third = area.agent('node');
    expect(await third.recover()).toEqual({ adopted: [], lost: [] });
  }, 180_000);
});
