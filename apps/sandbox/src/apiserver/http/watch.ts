import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../errors.ts';
import type { ServedResource } from '../registry.ts';
import type { Store, StoreEvent, Stored } from '../storage/store.ts';
import type { KubeObject } from '../types.ts';
import { selectorFilter } from './list.ts';

/** How watch events are rendered: plain objects, or one-row Tables for `kubectl get -w`. */
export interface WatchFormat {
  contentType: string;
  /** Renders an object for an event; undefined = the object's JSON as stored/converted. */
  render?: (obj: KubeObject, first: boolean) => unknown;
}

const HEARTBEAT_MS = 5_000;
const BOOKMARK_MS = 30_000;
/** A watcher this far behind is cut off, as kube-apiserver drops slow watchers. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * Serves a watch: the initial state (or the history after `resourceVersion`), then live changes,
 * newline-delimited JSON over a chunked response. Too old a resourceVersion gets an ERROR event
 * with a 410 Expired Status. A blank-line heartbeat keeps idle clients and proxies from timing out.
 */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  served: ServedResource,
  namespace: string | undefined,
  query: URLSearchParams,
  format: WatchFormat,
): void {
  const filter = selectorFilter(served, query);
  const rvParam = query.get('resourceVersion') ?? '';
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const timeoutParam = Number(query.get('timeoutSeconds') ?? 0);
  if (rvParam && !/^\d+$/.test(rvParam)) {
    throw errors.badRequest(`invalid resource version: ${rvParam}`);
  }
  const ns = served.def.namespaced ? namespace : undefined;
  const inScope = (s: Stored) => ns === undefined || (s.obj.metadata.namespace ?? '') === ns;
  const view = (s: Stored) => (served.identity ? s.obj : served.fromStorage(s.obj));
  const matches = (s: Stored) => inScope(s) && (!filter || filter(view(s)));

  res.writeHead(200, {
    'Content-Type': format.contentType,
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let first = true;
  const send = (type: string, s: Stored | KubeObject) => {
    let line: string;
    if (format.render) {
      const obj = 'json' in s && 'rv' in s ? view(s as Stored) : s;
      line = JSON.stringify({ type, object: format.render(obj, first) });
    } else if ('json' in s && 'rv' in s) {
      const st = s as Stored;
      line = `{"type":"${type}","object":${served.identity ? st.json : JSON.stringify(view(st))}}`;
    } else {
      line = JSON.stringify({ type, object: s });
    }
    first = false;
    if (res.writableEnded || res.destroyed) return;
    res.write(line + '\n');
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };

  // Everything at or below startRv is already known to the client (or sent below).
  let startRv: number;
  if (rvParam === '' || rvParam === '0') {
    startRv = store.currentRv;
    for (const s of store.list(served.storage, ns)) if (matches(s)) send('ADDED', s);
  } else {
    startRv = Number(rvParam);
    const history = store.eventsSince(served.storage, startRv);
    if (history === 'expired') {
      const status = errors.expired(
        `too old resource version: ${rvParam} (${store.currentRv})`,
      ).status;
      res.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
      return;
    }
    for (const ev of history) deliver(ev);
  }

  function deliver(ev: StoreEvent): void {
    if (ev.rv <= startRv) return;
    const now = matches(ev.stored);
    const before = ev.previous ? matches(ev.previous) : false;
    if (ev.type === 'DELETED') {
      if (before || now) send('DELETED', ev.stored);
    } else if (ev.type === 'ADDED') {
      if (now) send('ADDED', ev.stored);
    } else if (now && before) send('MODIFIED', ev.stored);
    else if (now) send('ADDED', ev.stored);
    else if (before) send('DELETED', ev.stored);
  }

  const unsubscribe = store.subscribe(served.storage, deliver);
  const heartbeat = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write('\n');
  }, HEARTBEAT_MS);
  const bookmark = bookmarks
    ? setInterval(() => {
        send('BOOKMARK', {
          apiVersion: served.apiVersion,
          kind: served.def.kind,
          // Changes up to startRv came with the initial list; later ones only once delivered.
          metadata: { resourceVersion: String(Math.max(startRv, store.committedRv)) },
        });
      }, BOOKMARK_MS)
    : undefined;
  const stop = () => {
    unsubscribe();
    clearInterval(heartbeat);
    if (bookmark) clearInterval(bookmark);
    if (timeout) clearTimeout(timeout);
  };
  const timeout =
    timeoutParam > 0
      ? setTimeout(() => {
          // Nothing may be written after end: stop the timers and the subscription first.
          stop();
          res.end();
        }, timeoutParam * 1000)
      : undefined;
  // The response's close, not the request's: the request "closes" once its (empty) body is read.
  res.on('close', stop);
  // A peer that vanished mid-write surfaces as an error on the response; the close follows.
  res.on('error', stop);
  req.socket.setTimeout(0);
}
