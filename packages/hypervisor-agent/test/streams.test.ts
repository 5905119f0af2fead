import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HypervisorAgent } from '../src/agent.ts';
import type { StreamSession } from '../src/streams/client.ts';
import { ConsoleServer } from '../src/streams/ws-server.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { READY_MARKER, type TestArea, qemuPidsUnder } from '../src/testing/harness.ts';
import { newArea } from './area.ts';
import { RfbClient } from '../src/testing/rfb-client.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

// Acceptance 5: serial fan-out to several clients; exclusive VNC with takeover.
let area: TestArea;
let images: GuestImages;
let agent: HypervisorAgent;
let server: ConsoleServer;

beforeAll(async () => {
  images = await ensureGuestImages();
  area = newArea();
  agent = area.agent();
  server = await ConsoleServer.listen({ resolveGuest: (id) => agent.get(id) });
  await agent.start(await area.demoSpec(images, 'st1'));
  const c = await SerialConsole.open(agent.require('st1').serial, 64 * 1024);
  await c.expect(READY_MARKER, 90_000);
  c.detach();
}, 120_000);

afterAll(async () => {
  await server?.close();
  const leaked = await area?.cleanup();
  expect(leaked).toBe(0);
  expect(qemuPidsUnder(area.root)).toEqual([]);
});

describe('serial fan-out', () => {
  it('shows the same output to two websocket clients, and either can type', async () => {
    const a = await SerialConsole.connect(server.url('st1', 'serial'));
    const b = await SerialConsole.connect(server.url('st1', 'serial'));
    await a.login('cloud', 'cloud');
    await b.expect(/cloud@st1:~\$ $/m, 10_000);
    a.write('echo from-$((40+2))-a\r');
    await a.expect('from-42-a');
    await b.expect('from-42-a');
    b.write('echo from-$((40+3))-b\r');
    await a.expect('from-43-b');
    await b.expect('from-43-b');
    a.detach();
    b.detach();
  }, 90_000);

  it('replays scrollback from the serial log to a late client', async () => {
    const late = await SerialConsole.connect(`${server.url('st1', 'serial')}?scrollback=65536`);
    await late.expect(READY_MARKER, 5000);
    late.detach();
  });
});

describe('VNC sessions', () => {
  it('lets a new client take over, records the holder and tells the old one why', async () => {
    const preempted: { previous: StreamSession; next: StreamSession }[] = [];
    agent.require('st1').vnc.on('preempted', (e: (typeof preempted)[number]) => preempted.push(e));
    const probe = async () =>
      (await fetch(`${server.url('st1', 'vnc').replace('ws:', 'http:')}?probe=true`)).json();
    expect(await probe()).toEqual({});

    const alice = new RfbClient(server.url('st1', 'vnc'), {
      'x-remote-user': 'alice',
      'user-agent': 'ua-alice',
    });
    await alice.handshake();
    expect(await probe()).toMatchObject({ holder: 'alice', client: 'ua-alice' });

    const bob = new RfbClient(server.url('st1', 'vnc'), {
      'x-remote-user': 'bob',
      'user-agent': 'ua-bob',
    });
    const bobScreen = await bob.handshake();
    expect(bobScreen.distinctColors).toBeGreaterThan(1);
    const closed = await alice.waitClosed();
    expect(closed.code).toBe(4001);
    expect(closed.reason).toBe('VNC session taken over by bob (ua-bob)');
    const session = (await probe()) as StreamSession;
    expect(session).toMatchObject({ holder: 'bob', client: 'ua-bob' });
    expect(Date.parse(session.startTime)).toBeGreaterThan(Date.now() - 60_000);
    expect(preempted).toHaveLength(1);
    expect(preempted[0]?.previous.holder).toBe('alice');
    bob.close();
    await expect.poll(probe, { timeout: 5000 }).toEqual({});
  }, 60_000);

  it('closes console clients with "going away" when the guest stops', async () => {
    const s = await SerialConsole.connect(server.url('st1', 'serial'));
    const v = new RfbClient(server.url('st1', 'vnc'), { 'x-remote-user': 'carol' });
    await v.handshake();
    await agent.kill('st1');
    expect((await v.waitClosed()).code).toBe(1001);
    await expect.poll(() => s.closedWith?.code, { timeout: 5000 }).toBe(1001);
  }, 60_000);

  it('answers 404 for a guest that does not exist', async () => {
    const r = await fetch(`${server.url('ghost', 'vnc').replace('ws:', 'http:')}?probe=true`);
    expect(r.status).toBe(404);
    await expect(SerialConsole.connect(server.url('ghost', 'serial'))).rejects.toThrow(/404/);
  });
});
