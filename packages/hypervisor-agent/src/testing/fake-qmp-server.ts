import { createServer, type Server, type Socket } from 'node:net';
import { LineDecoder } from '../qmp/framing.ts';

/** Handles one request on the fake server: return `{return: ...}` or `{error: {...}}`. */
export type FakeQmpHandler = (
  command: string,
  args: unknown,
) => { return: unknown } | { error: { class: string; desc: string } } | undefined;

/**
 * A unix-socket QMP server speaking the real wire protocol (greeting, capabilities negotiation,
 * id echo, events), for testing the socket monitor without QEMU. A handler returning `undefined`
 * leaves the request unanswered (for timeout tests).
 */
export class FakeQmpServer {
  private readonly server: Server;
  private readonly clients = new Set<Socket>();
  /** Every command received (including qmp_capabilities). */
  readonly received: { command: string; id: unknown }[] = [];

  constructor(
    readonly path: string,
    private handler: FakeQmpHandler = () => ({ return: {} }),
  ) {
    this.server = createServer((socket) => this.onClient(socket));
  }

  /** Starts listening. */
  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  /** Replaces the request handler. */
  setHandler(handler: FakeQmpHandler): void {
    this.handler = handler;
  }

  /** Sends an event to every connected client. */
  emit(event: string, data?: Record<string, unknown>): void {
    const line = JSON.stringify({ event, data, timestamp: { seconds: 1, microseconds: 2 } });
    for (const c of this.clients) c.write(`${line}\r\n`);
  }

  /** Drops every client connection (the server keeps listening). */
  dropClients(): void {
    for (const c of this.clients) c.destroy();
    this.clients.clear();
  }

  /** Number of connected clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Stops listening and drops clients. */
  close(): Promise<void> {
    this.dropClients();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onClient(socket: Socket): void {
    this.clients.add(socket);
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', () => undefined);
    let negotiated = false;
    const decoder = new LineDecoder((msg) => {
      const command = String(msg.execute);
      this.received.push({ command, id: msg.id });
      let reply: Record<string, unknown> | undefined;
      if (command === 'qmp_capabilities') {
        negotiated = true;
        reply = { return: {} };
      } else if (!negotiated) {
        reply = { error: { class: 'CommandNotFound', desc: 'Expecting capabilities negotiation' } };
      } else {
        reply = this.handler(command, msg.arguments);
      }
      if (!reply) return;
      const out = msg.id === undefined ? reply : { ...reply, id: msg.id };
      socket.write(`${JSON.stringify(out)}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    const greeting = {
      QMP: {
        version: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'fake' },
        capabilities: ['oob'],
      },
    };
    socket.write(`${JSON.stringify(greeting)}\r\n`);
  }
}
