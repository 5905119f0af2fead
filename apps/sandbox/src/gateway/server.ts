import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers a request under a registered prefix; return false to pass it on. */
export type GatewayHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

/**
 * The sandbox's plain-HTTP data plane on loopback, standing in for DVP's in-cluster services:
 * the demo image catalogue (`/catalogue/…`), the uploader (`/upload/…`) and the DVCR registry
 * (`/v2/…`). Controllers register prefixes; unknown paths are 404.
 */
export class Gateway {
  private readonly server: Server;
  private readonly routes: { prefix: string; handler: GatewayHandler }[] = [];
  private base = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 65_000;
    // Uploads can take long: no request timeout.
    this.server.requestTimeout = 0;
  }

  /** `http://host:port` once listening. */
  get url(): string {
    return this.base;
  }

  route(prefix: string, handler: GatewayHandler): void {
    this.routes.push({ prefix, handler });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(listen: string): Promise<void> {
    const [host = '127.0.0.1', port = '0'] = listen.split(/:(?=\d+$)/);
    await new Promise<void>((ok, fail) => {
      this.server.once('error', fail);
      this.server.listen(Number(port), host, () => ok());
    });
    const a = this.server.address() as AddressInfo;
    this.base = `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    try {
      for (const r of this.routes) {
        if (url.pathname.startsWith(r.prefix) && (await r.handler(req, res, url))) return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${(e as Error).message}\n`);
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
