import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { keepAlive } from './keepalive.ts';

const servers: WebSocketServer[] = [];

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A loopback websocket pair; the server side runs keepAlive with short timings. */
async function pair(autoPong: boolean): Promise<{ client: WebSocket; server: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  const server = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const { port } = wss.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong });
  const ws = await server;
  keepAlive(ws, { intervalMs: 20, timeoutMs: 200 });
  return { client, server: ws };
}

function pings(ws: WebSocket, n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) =>
    ws.on('ping', () => {
      if (++seen === n) resolve();
    }),
  );
}

describe('keepAlive', () => {
  it('pings every interval and keeps a client that answers', async () => {
    const { client } = await pair(true);
    // 20 pings span twice the pong timeout: the connection survives them.
    await pings(client, 20);
    expect(client.readyState).toBe(WebSocket.OPEN);
    client.close();
  });

  it('drops a client that sends no pong within the timeout', async () => {
    const { client, server } = await pair(false);
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    const serverClosed = new Promise<number>((resolve) => server.once('close', resolve));
    await pings(client, 3);
    // Data frames are not pongs: they do not keep the session alive.
    client.send(Buffer.from('data'));
    expect(await closed).toBe(1006);
    // Terminated, not closed politely: no close frame was exchanged.
    expect(await serverClosed).toBe(1006);
  });
});
