import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { HelloEvent, StreamMessage } from '@dvp/api';
import { STREAM_PATH } from '@dvp/api';
import type { SandboxUserName, Stack } from './harness.ts';

export interface SseMessage {
  id: string | undefined;
  data: StreamMessage;
  /** performance.now() when the message was parsed. */
  at: number;
}

type ObjectMessage = Extract<StreamMessage, { type: 'ADDED' | 'MODIFIED' | 'DELETED' }>;

/**
 * A browser tab's EventSource, in node: one SSE connection to the BFF as a sandbox user, parsed
 * as it arrives. `waitFor` resolves on the message itself (no polling).
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  comments = 0;
  /** The `id` of the last message, as EventSource keeps it for `Last-Event-ID`. */
  lastEventId: string | undefined;
  ended = false;
  private buffer = '';
  private waiters = new Set<() => void>();

  private constructor(
    readonly user: SandboxUserName,
    readonly res: IncomingMessage,
    private readonly req: ClientRequest,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    const end = () => {
      this.ended = true;
      this.wake();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  }

  /** Opens a stream; resolves with the response (any status) once headers are in. */
  static open(
    stack: Stack,
    user: SandboxUserName,
    topics: string[],
    opts: { lastEventId?: string; query?: string } = {},
  ): Promise<SseClient> {
    const url = new URL(
      `${stack.url}${STREAM_PATH}${opts.query ?? `?topics=${encodeURIComponent(topics.join(','))}`}`,
    );
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          agent: false,
          headers: {
            Accept: 'text/event-stream',
            Authorization: `Bearer ${stack.tokens[user]}`,
            ...(opts.lastEventId ? { 'Last-Event-ID': opts.lastEventId } : {}),
          },
        },
        (res) => resolve(new SseClient(user, res, req)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  /** The whole body, for a non-SSE answer (a Status). */
  async body(): Promise<unknown> {
    await this.until(() => this.ended);
    return JSON.parse(this.buffer) as unknown;
  }

  data(): StreamMessage[] {
    return this.messages.map((m) => m.data);
  }

  /** ADDED/MODIFIED/DELETED messages. */
  objectEvents(): ObjectMessage[] {
    return this.data().filter(
      (m): m is ObjectMessage =>
        m.type === 'ADDED' || m.type === 'MODIFIED' || m.type === 'DELETED',
    );
  }

  async hello(): Promise<HelloEvent> {
    const m = await this.waitFor((d) => d.type === 'HELLO');
    return m.data as HelloEvent;
  }

  /** The first message from index `from` on that satisfies `pred`. */
  async waitFor(
    pred: (m: StreamMessage) => boolean,
    from = 0,
    timeoutMs = 30_000,
  ): Promise<SseMessage> {
    let found: SseMessage | undefined;
    await this.until(() => {
      found = this.messages.slice(from).find((m) => pred(m.data));
      return found !== undefined || this.ended;
    }, timeoutMs);
    if (!found) {
      throw new Error(
        `${this.user}: stream ended without the message; got ${JSON.stringify(this.data().slice(-5))}`,
      );
    }
    return found;
  }

  /** Resolves once `n` comment lines (heartbeats) have arrived. */
  async waitForComments(n: number, timeoutMs = 30_000): Promise<void> {
    await this.until(() => this.comments >= n || this.ended, timeoutMs);
    if (this.comments < n) throw new Error(`${this.user}: stream ended before ${n} comments`);
  }

  /** Drops the connection as a network failure would. */
  close(): void {
    this.req.destroy();
    this.res.destroy();
  }

  private async until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `${this.user}: timed out; last messages ${JSON.stringify(this.data().slice(-5))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }

  private feed(chunk: string) {
    if (this.res.headers['content-type']?.startsWith('text/event-stream') !== true) {
      this.buffer += chunk;
      return;
    }
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments += 1;
        else if (line.startsWith('id:')) id = line.slice(3).trimStart();
        else if (line.startsWith('data:'))
          data = (data ? `${data}\n` : '') + line.slice(5).trimStart();
      }
      if (id !== undefined) this.lastEventId = id;
      if (data !== undefined) {
        this.messages.push({ id, data: JSON.parse(data) as StreamMessage, at: performance.now() });
      }
    }
    this.wake();
  }
}
