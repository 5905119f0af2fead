import { WebSocket, type RawData } from 'ws';

/** What an RFB handshake plus one full framebuffer update yielded. */
export interface RfbResult {
  version: string;
  width: number;
  height: number;
  name: string;
  /** Distinct 32-bit pixel values seen in the update (1 = blank screen). */
  distinctColors: number;
}

/**
 * A minimal RFB 3.8 client over a websocket (no auth, raw encoding), enough to prove the VNC
 * stream works end to end: handshake, ServerInit, one non-incremental framebuffer update.
 */
export class RfbClient {
  private buf = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  /** Close code and reason, once the server closed the socket. */
  closed: { code: number; reason: string } | undefined;
  private readonly opened: Promise<void>;

  constructor(
    url: string,
    headers: Record<string, string> = {},
    readonly ws = new WebSocket(url, ['binary'], { headers }),
  ) {
    ws.on('message', (d: RawData) => {
      const chunk = Buffer.isBuffer(d) ? d : Array.isArray(d) ? Buffer.concat(d) : Buffer.from(d);
      this.buf = Buffer.concat([this.buf, chunk]);
      this.wake?.();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake?.();
    });
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** Resolves when the server closes the connection. */
  async waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('websocket did not close');
      await this.waitData(deadline);
    }
    return this.closed;
  }

  /** Handshake, ServerInit and one full framebuffer update. */
  async handshake(timeoutMs = 20_000): Promise<RfbResult> {
    const deadline = Date.now() + timeoutMs;
    await this.opened;
    const version = (await this.read(12, deadline)).toString('latin1').trim();
    this.ws.send(Buffer.from('RFB 003.008\n'));
    const n = (await this.read(1, deadline)).readUInt8(0);
    const types = [...(await this.read(n, deadline))];
    if (!types.includes(1)) throw new Error(`no "None" security type offered: ${types.join(',')}`);
    this.ws.send(Buffer.from([1]));
    const result = (await this.read(4, deadline)).readUInt32BE(0);
    if (result !== 0) throw new Error(`security handshake failed (${result})`);
    this.ws.send(Buffer.from([1])); // ClientInit: shared
    const init = await this.read(24, deadline);
    const width = init.readUInt16BE(0);
    const height = init.readUInt16BE(2);
    const bpp = init.readUInt8(4);
    const name = (await this.read(init.readUInt32BE(20), deadline)).toString('utf8');
    const req = Buffer.alloc(10);
    req.writeUInt8(3, 0); // FramebufferUpdateRequest, non-incremental, whole screen
    req.writeUInt16BE(width, 6);
    req.writeUInt16BE(height, 8);
    this.ws.send(req);
    const colors = new Set<number>();
    let covered = 0;
    while (covered < width * height) {
      const header = await this.read(4, deadline);
      if (header.readUInt8(0) !== 0) throw new Error(`unexpected message ${header.readUInt8(0)}`);
      for (let r = header.readUInt16BE(2); r > 0; r--) {
        const rect = await this.read(12, deadline);
        const w = rect.readUInt16BE(4);
        const h = rect.readUInt16BE(6);
        const enc = rect.readInt32BE(8);
        if (enc !== 0) throw new Error(`unexpected encoding ${enc}`);
        const pixels = await this.read(w * h * (bpp / 8), deadline);
        for (let i = 0; i + 4 <= pixels.length && colors.size < 64; i += 4 * 7) {
          colors.add(pixels.readUInt32LE(i));
        }
        covered += w * h;
      }
    }
    return { version, width, height, name, distinctColors: colors.size };
  }

  /** Closes the websocket. */
  close(): void {
    this.ws.close();
  }

  private async read(n: number, deadline: number): Promise<Buffer> {
    while (this.buf.length < n) {
      if (this.closed) throw new Error(`closed: ${this.closed.code} ${this.closed.reason}`);
      await this.waitData(deadline);
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  private waitData(deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new Error('RFB read timed out'));
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, left);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
