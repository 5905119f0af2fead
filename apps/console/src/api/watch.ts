import { STREAM_PATH, type StreamMessage } from '@dvp/api';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { bffUrl } from './base-path.ts';
import { call, api } from './client.ts';
import { applyStreamMessage, invalidateTopic } from './watch-reducer.ts';

/** What the shell shows: live, (re)connecting after a drop, or not started. */
export type StreamState = 'idle' | 'connecting' | 'live' | 'reconnecting';

/**
 * The tab's one event stream (SSE) from the BFF. Components subscribe to topics with
 * {@link useWatch}; topics are reference-counted and sent to the BFF with one PUT per change
 * batch. On a new stream (HELLO with another id) every topic's lists are refetched.
 */
export class StreamClient {
  private source: EventSource | undefined;
  private streamId: string | undefined;
  private readonly counts = new Map<string, number>();
  private sent = '';
  private flushQueued = false;
  private state: StreamState = 'idle';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: QueryClient) {}

  getState = (): StreamState => this.state;

  subscribeState = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private setState(s: StreamState): void {
    if (s === this.state) return;
    this.state = s;
    for (const fn of this.listeners) fn();
  }

  private topics(): string[] {
    return [...this.counts.keys()].sort();
  }

  /** Opens the stream (again, e.g. after the user changed). */
  start(): void {
    this.stop();
    this.streamId = undefined;
    const topics = this.topics();
    this.sent = topics.join(',');
    const url = bffUrl(STREAM_PATH) + (topics.length ? `?topics=${topics.join(',')}` : '');
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    this.setState('connecting');
    source.onmessage = (e: MessageEvent<string>) => {
      let msg: StreamMessage;
      try {
        msg = JSON.parse(e.data) as StreamMessage;
      } catch {
        return;
      }
      if (msg.type === 'HELLO') {
        const fresh = this.streamId !== undefined && this.streamId !== msg.streamId;
        this.streamId = msg.streamId;
        this.setState('live');
        if (fresh) {
          // A new stream after a drop: the topics are the URL's; send ours, refetch everything.
          this.sent = '';
          this.queueFlush();
          for (const t of this.counts.keys()) invalidateTopic(this.client, t);
        } else if (this.sent !== this.topics().join(',')) this.queueFlush();
        return;
      }
      applyStreamMessage(this.client, msg);
    };
    source.onerror = () => {
      // EventSource reconnects by itself (with Last-Event-ID); CLOSED means it gave up.
      this.setState('reconnecting');
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        setTimeout(() => {
          if (this.source === source) this.start();
        }, 2000);
      }
    };
    source.onopen = () => {
      if (this.streamId) this.setState('live');
    };
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
    this.setState('idle');
  }

  /** Adds a reference to `topic`; the returned function drops it. */
  watch(topic: string): () => void {
    this.counts.set(topic, (this.counts.get(topic) ?? 0) + 1);
    this.queueFlush();
    return () => {
      const n = (this.counts.get(topic) ?? 1) - 1;
      if (n <= 0) this.counts.delete(topic);
      else this.counts.set(topic, n);
      this.queueFlush();
    };
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const topics = this.topics();
    const joined = topics.join(',');
    if (!this.source) return;
    if (!this.streamId || joined === this.sent) return;
    this.sent = joined;
    try {
      await call(api.streamTopicsUpdate, { params: { streamId: this.streamId }, body: { topics } });
    } catch {
      // The stream is gone or being replaced: a new HELLO sends the topics again.
      this.sent = '';
    }
  }
}

let current: StreamClient | undefined;

/** Installs the stream client the hooks use (the app does this once at boot). */
export function setStreamClient(s: StreamClient | undefined): void {
  current = s;
}

export function getStreamClient(): StreamClient | undefined {
  return current;
}

/** Keeps `topic` (`resource` or `resource/namespace`) subscribed while the component lives. */
export function useWatch(topic: string | undefined): void {
  useEffect(() => {
    if (!topic || !current) return;
    return current.watch(topic);
  }, [topic]);
}

const idle = (): StreamState => 'idle';
const noop = () => () => undefined;

/** The stream's connection state, for the shell's "reconnecting" hint. */
export function useStreamState(): StreamState {
  return useSyncExternalStore(current?.subscribeState ?? noop, current?.getState ?? idle, idle);
}
