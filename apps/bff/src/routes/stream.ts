import { endpoints, STREAM_PATH } from '@dvp/api';
import type { Request, Response, Router } from 'express';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';
import { StatusError, statusErrors } from '../k8s/status.ts';
import { StreamHub } from '../stream/hub.ts';
import { parseTopics, topicQueryKeys, type TopicRequest } from '../stream/topics.ts';

function topicsOrThrow(keys: string[] | undefined, field: string): TopicRequest[] {
  if (!keys) {
    throw statusErrors.invalid('the request', [
      { reason: 'FieldValueInvalid', message: 'Invalid value: a comma-separated list', field },
    ]);
  }
  const parsed = parseTopics(keys, field);
  if (!parsed.ok) throw statusErrors.invalid('the request', parsed.causes);
  return parsed.topics;
}

/**
 * The per-tab event stream (SSE, `GET /api/v1/stream?topics=…`) and its topic subscriptions
 * (`PUT /api/v1/stream/:streamId/topics`). Served from the shared watch cache: tabs never cause
 * watches of their own; each change goes to the tabs whose user may see it (see `stream/hub.ts`).
 */
export function registerStreamRoutes(router: Router, ctx: AppContext): { close(): void } {
  const hub = new StreamHub({
    listen(onEvent, onResync) {
      ctx.cache.on('event', onEvent);
      ctx.cache.on('resync', onResync);
      return () => {
        ctx.cache.off('event', onEvent);
        ctx.cache.off('resync', onResync);
      };
    },
    ready: (resource) => ctx.cache.informer(resource).ready(),
    can: (identity, q) => ctx.reviewer.can(identity, q),
    heartbeatMs: ctx.env.STREAM_HEARTBEAT_SECONDS * 1000,
    accessTtlMs: ctx.env.ACCESS_CACHE_SECONDS * 1000,
    clients: (delta) => ctx.metrics.streamClients.inc(delta),
    counted: (type, n) => ctx.metrics.streamEvents.inc({ type }, n),
    dropped: (streamId, reason) => ctx.logger.debug('event stream dropped', { streamId, reason }),
  });

  router.get(STREAM_PATH, async (req: Request, res: Response) => {
    const auth = req.auth;
    if (!auth) throw statusErrors.unauthorized();
    const topics = topicsOrThrow(topicQueryKeys(req.query.topics), 'query.topics');
    try {
      // A token the cluster rejects gets its 401 now, not a stream that never says anything.
      await ctx.reviewer.whoami(auth.identity);
    } catch (e) {
      // Only a definite refusal: while the cluster is unreachable the stream opens and waits
      // (a browser's EventSource gives up for good on an error answer).
      if (e instanceof StatusError && e.status.code === 401) throw e;
    }
    if (res.destroyed) return;
    const lastEventId = req.headers['last-event-id'];
    const { stream, live } = hub.open({
      identity: auth.identity,
      topics,
      ...(typeof lastEventId === 'string' ? { lastEventId } : {}),
      sink: res,
      // Headers go out before the first byte of the body, so nothing throws after them.
      start: () => {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          'X-Accel-Buffering': 'no',
          Connection: 'keep-alive',
        });
        res.flushHeaders();
        req.socket.setTimeout(0);
        req.socket.setNoDelay(true);
        req.socket.setKeepAlive(true, 30_000);
      },
    });
    res.on('close', () => hub.disconnected(stream, res));
    live.catch((e: unknown) => {
      ctx.logger.error('event stream failed to start', { reqId: req.id, error: String(e) });
      res.destroy();
    });
  });

  route(router, endpoints.streamTopicsUpdate, ({ params, body, auth }) => {
    const topics = topicsOrThrow(body.topics, 'topics');
    const stream = hub.get(params.streamId);
    // Someone else's stream is as absent as one that never was.
    if (!stream || stream.identity.key !== auth.identity.key) {
      throw statusErrors.notFound(`event stream "${params.streamId}" not found`);
    }
    hub.setTopics(stream, topics);
    return Promise.resolve({ topics: [...stream.subs.keys()] });
  });

  return { close: () => hub.close() };
}
