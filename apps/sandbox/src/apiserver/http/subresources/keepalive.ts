import type { WebSocket } from 'ws';

/** Timings of KubeVirt's websocket streamer (portforward): ping every 1 s, give up after 1 min. */
export const KEEPALIVE = { intervalMs: 1000, timeoutMs: 60_000 } as const;

/**
 * Pings a websocket every `intervalMs` and terminates it when no pong has come back for
 * `timeoutMs`, as KubeVirt's websocket streamer does (only pongs extend its read deadline).
 * Stops on close; returns a function that stops it earlier.
 */
export function keepAlive(
  ws: WebSocket,
  opts: { intervalMs: number; timeoutMs: number } = KEEPALIVE,
): () => void {
  let last = Date.now();
  const alive = () => {
    last = Date.now();
  };
  ws.on('pong', alive);
  const timer = setInterval(() => {
    if (Date.now() - last > opts.timeoutMs) {
      stop();
      ws.terminate();
      return;
    }
    try {
      ws.ping();
    } catch {
      // closing: the close handler stops the timer
    }
  }, opts.intervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    ws.off('pong', alive);
  };
  ws.once('close', stop);
  return stop;
}
