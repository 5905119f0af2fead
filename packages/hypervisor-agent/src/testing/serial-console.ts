import { WebSocket, type RawData } from 'ws';
import type { SerialAttachment, SerialMux } from '../streams/serial.ts';
import type { StreamClient } from '../streams/client.ts';

/**
 * A scripted serial console over a {@link SerialMux}, in the spirit of `expect`: tests wait for
 * output (a prompt, a marker) instead of sleeping.
 */
export class SerialConsole implements StreamClient {
  private buffer = '';
  /** Everything received, for diagnostics in failure messages. */
  transcript = '';
  private waiters = new Set<() => void>();
  private attachment: SerialAttachment | undefined;
  /** Set when the agent closed this client. */
  closedWith: { code: number; reason: string } | undefined;

  /** Attaches to a mux; with `scrollbackBytes` the log tail is replayed first. */
  static async open(mux: SerialMux, scrollbackBytes = 0): Promise<SerialConsole> {
    const c = new SerialConsole();
    c.attachment = await mux.attach(c, { scrollbackBytes });
    return c;
  }

  /** Connects through a console websocket (see ConsoleServer) instead of a mux. */
  static async connect(url: string): Promise<SerialConsole> {
    const c = new SerialConsole();
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (d: RawData) =>
      c.send(Buffer.isBuffer(d) ? d : Buffer.from(d as ArrayBuffer)),
    );
    ws.on('close', (code, reason) => c.close(code, reason.toString()));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    c.attachment = {
      write: (data) => ws.send(Buffer.from(data)),
      detach: () => ws.close(),
    };
    return c;
  }

  send(data: Buffer): void {
    const text = data.toString('utf8');
    // busybox ash asks for the cursor position (ESC[6n) after each prompt; no terminal answers.
    // Strip it from the joined buffer: the sequence may arrive split across two chunks.
    this.buffer = (this.buffer + text).replaceAll('\x1b[6n', '');
    this.transcript += text;
    if (this.transcript.length > 200_000) this.transcript = this.transcript.slice(-100_000);
    for (const w of [...this.waiters]) w();
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    for (const w of [...this.waiters]) w();
  }

  /** Types text into the guest. */
  write(text: string): void {
    this.attachment?.write(text);
  }

  /** Detaches from the mux. */
  detach(): void {
    this.attachment?.detach();
  }

  /**
   * Waits until the output (since the last match) matches `pattern`; consumes it up to the end
   * of the match and returns the text before and including it.
   */
  async expect(pattern: RegExp | string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const idx =
        typeof pattern === 'string'
          ? indexOfString(this.buffer, pattern)
          : indexOfRegex(this.buffer, pattern);
      if (idx) {
        const out = this.buffer.slice(0, idx.end);
        this.buffer = this.buffer.slice(idx.end);
        return out;
      }
      if (this.closedWith)
        throw new Error(`serial closed (${this.closedWith.reason}) waiting for ${String(pattern)}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${String(pattern)}; last output:\n${this.transcript.slice(-800)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.waiters.delete(done);
          resolve();
        };
        const t = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  /** Logs in on a getty prompt and waits for the shell prompt. */
  async login(user: string, password: string, timeoutMs = 60_000): Promise<void> {
    this.write('\r');
    await this.expect(/login: $/m, timeoutMs);
    this.write(`${user}\r`);
    await this.expect('Password: ', 10_000);
    this.write(`${password}\r`);
    await this.expect(/[$#] $/m, 15_000);
  }

  /** Runs a shell command and returns its output (between the echo and the end marker). */
  async run(command: string, timeoutMs = 20_000): Promise<string> {
    const tag = `@@${Math.random().toString(36).slice(2, 8)}@@`;
    // Splitting the marker with '' keeps the echoed command line from matching it.
    const [a, b] = [tag.slice(0, 4), tag.slice(4)];
    this.write(`${command}; echo "${a}""${b}"\r`);
    const out = await this.expect(`${tag}\r\n`, timeoutMs);
    const lines = out.split('\r\n');
    // Drop everything up to the echoed command line (a slow terminal may put a stray line break
    // before it) and the marker line.
    const echoed = lines.findIndex((l) => l.includes(`"${a}""${b}"`));
    return lines.slice(echoed < 0 ? 1 : echoed + 1, -2).join('\n');
  }
}

function indexOfString(hay: string, needle: string): { end: number } | undefined {
  const i = hay.indexOf(needle);
  return i < 0 ? undefined : { end: i + needle.length };
}

function indexOfRegex(hay: string, re: RegExp): { end: number } | undefined {
  const m = re.exec(hay);
  return m ? { end: m.index + m[0].length } : undefined;
}
