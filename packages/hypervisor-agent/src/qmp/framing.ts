/**
 * Splits a byte stream into newline-delimited JSON messages (QMP and the guest agent both
 * frame this way; QEMU terminates lines with CRLF). Lines that are not JSON objects are passed to
 * `onGarbage` instead of throwing, because a half-written line must never kill the connection.
 */
export class LineDecoder {
  private buffer = '';

  constructor(
    private readonly onMessage: (message: Record<string, unknown>) => void,
    private readonly onGarbage: (line: string) => void = () => undefined,
  ) {}

  /** Feeds a chunk; emits every complete line it finishes. */
  push(chunk: Buffer | string): void {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl = this.buffer.indexOf('\n');
    while (nl >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line.length > 0) this.emitLine(line);
      nl = this.buffer.indexOf('\n');
    }
  }

  /** Drops any partial line (after a reconnect the old tail is meaningless). */
  reset(): void {
    this.buffer = '';
  }

  private emitLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.onGarbage(line);
      return;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      this.onMessage(parsed as Record<string, unknown>);
    } else {
      this.onGarbage(line);
    }
  }
}
