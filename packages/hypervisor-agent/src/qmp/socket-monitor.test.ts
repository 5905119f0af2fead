import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeQmpServer } from '../testing/fake-qmp-server.ts';
import { ConnectionLostError, QmpError, QmpTimeoutError } from './errors.ts';
import { SocketMonitor } from './socket-monitor.ts';

let dir: string;
let server: FakeQmpServer;
let monitor: SocketMonitor | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qmp-test-'));
  server = new FakeQmpServer(join(dir, 'qmp.sock'), (command) =>
    command === 'query-status' ? { return: { status: 'running', running: true } } : { return: {} },
  );
  await server.listen();
});

afterEach(async () => {
  await monitor?.close();
  monitor = undefined;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(extra: Partial<ConstructorParameters<typeof SocketMonitor>[0]> = {}) {
  monitor = new SocketMonitor({ path: server.path, connectTimeoutMs: 2000, ...extra });
  return monitor;
}

describe('SocketMonitor', () => {
  it('reads the greeting, negotiates capabilities first and correlates replies by id', async () => {
    const m = open();
    await m.connect();
    expect(m.greeting?.QMP.version.qemu.major).toBe(7);
    const [a, b] = await Promise.all([m.execute('query-status'), m.execute('cont')]);
    expect(a).toEqual({ status: 'running', running: true });
    expect(b).toEqual({});
    expect(server.received.map((r) => r.command)).toEqual([
      'qmp_capabilities',
      'query-status',
      'cont',
    ]);
    const ids = server.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('turns an error reply into a QmpError naming class, description and command', async () => {
    server.setHandler(() => ({ error: { class: 'DeviceNotFound', desc: "Device 'x' not found" } }));
    const m = open();
    await m.connect();
    const err = await m.execute('device_del', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect(err).toMatchObject({
      class: 'DeviceNotFound',
      desc: "Device 'x' not found",
      command: 'device_del',
    });
  });

  it('times out a call without reply and still serves the next one', async () => {
    server.setHandler((command) => (command === 'stop' ? undefined : { return: {} }));
    const m = open();
    await m.connect();
    await expect(m.execute('stop', undefined, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      QmpTimeoutError,
    );
    await expect(m.execute('cont')).resolves.toEqual({});
  });

  it('aborts a call through its signal', async () => {
    server.setHandler(() => undefined);
    const m = open();
    await m.connect();
    const ac = new AbortController();
    const p = m.execute('query-status', undefined, { signal: ac.signal });
    ac.abort(new Error('user gave up'));
    await expect(p).rejects.toThrow('user gave up');
  });

  it('streams events to every subscriber', async () => {
    const m = open();
    await m.connect();
    const s1 = m.events();
    const s2 = m.events();
    server.emit('STOP');
    server.emit('RESUME');
    expect((await s1.next()).value).toMatchObject({ event: 'STOP' });
    expect((await s1.next()).value).toMatchObject({ event: 'RESUME' });
    expect((await s2.next()).value).toMatchObject({ event: 'STOP' });
  });

  it('rejects in-flight calls on connection loss, reconnects and keeps event subscribers', async () => {
    server.setHandler((command) => (command === 'stop' ? undefined : { return: {} }));
    const m = open({ reconnect: { attempts: 20, delayMs: 20 } });
    await m.connect();
    const events = m.events();
    const reconnected = new Promise((r) => m.once('reconnected', r));
    const inflight = m.execute('stop');
    server.dropClients();
    await expect(inflight).rejects.toBeInstanceOf(ConnectionLostError);
    await reconnected;
    expect(m.connected).toBe(true);
    server.emit('RESET');
    expect((await events.next()).value).toMatchObject({ event: 'RESET' });
    expect(server.received.filter((r) => r.command === 'qmp_capabilities')).toHaveLength(2);
  });

  it('reports lost and ends event streams when reconnecting fails', async () => {
    const m = open({ reconnect: { attempts: 2, delayMs: 10 } });
    await m.connect();
    const events = m.events();
    const lost = new Promise((r) => m.once('lost', r));
    await server.close();
    await lost;
    expect((await events.next()).done).toBe(true);
    await expect(m.execute('query-status')).rejects.toBeInstanceOf(ConnectionLostError);
  });

  it('fails to connect to a missing socket after its connect timeout', async () => {
    monitor = new SocketMonitor({ path: join(dir, 'nope.sock'), connectTimeoutMs: 100 });
    await expect(monitor.connect()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
