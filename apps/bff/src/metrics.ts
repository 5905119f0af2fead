import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the BFF (`GET /metrics`). */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'code'>;
  upstreamDuration: Histogram<'method' | 'code'>;
  upstreamWatches: Gauge;
  upstreamLists: Counter<'resource'>;
  streamClients: Gauge;
  streamEvents: Counter<'type'>;
  proxyBytes: Counter<'kind' | 'direction'>;
  proxySessions: Gauge<'kind'>;
  uploadBytes: Counter;
}

export function createMetrics(opts: { watchCount: () => number; defaults?: boolean }): Metrics {
  const registry = new Registry();
  if (opts.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'dvp_bff_' });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'dvp_bff_http_request_duration_seconds',
      help: 'BFF HTTP request latency by route',
      labelNames: ['method', 'route', 'code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'dvp_bff_upstream_request_duration_seconds',
      help: 'Kubernetes API request latency',
      labelNames: ['method', 'code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    upstreamWatches: new Gauge({
      name: 'dvp_bff_upstream_watches',
      help: 'Upstream list+watch streams held by the shared cache',
      registers,
      collect() {
        this.set(opts.watchCount());
      },
    }),
    upstreamLists: new Counter({
      name: 'dvp_bff_upstream_lists_total',
      help: 'Full LISTs made by the shared cache (first sync and relists)',
      labelNames: ['resource'],
      registers,
    }),
    streamClients: new Gauge({
      name: 'dvp_bff_stream_clients',
      help: 'Browser event streams open',
      registers,
    }),
    streamEvents: new Counter({
      name: 'dvp_bff_stream_events_total',
      help: 'Messages sent on browser event streams',
      labelNames: ['type'],
      registers,
    }),
    proxyBytes: new Counter({
      name: 'dvp_bff_proxy_bytes_total',
      help: 'Bytes carried by console/VNC websocket proxies',
      labelNames: ['kind', 'direction'],
      registers,
    }),
    proxySessions: new Gauge({
      name: 'dvp_bff_proxy_sessions',
      help: 'Console/VNC websocket sessions open',
      labelNames: ['kind'],
      registers,
    }),
    uploadBytes: new Counter({
      name: 'dvp_bff_upload_bytes_total',
      help: 'Image upload bytes forwarded to the cluster',
      registers,
    }),
  };
}
