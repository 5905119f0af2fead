import type { KubeObject } from '../types.ts';

/**
 * core/v1 Event ⇄ events.k8s.io/v1 Event, the field mapping kube-apiserver uses
 * (k8s.io/kubernetes pkg/apis/events/v1 conversion): involvedObject ⇄ regarding, message ⇄ note,
 * source.component ⇄ deprecatedSource, firstTimestamp/lastTimestamp/count ⇄ deprecated* fields.
 */
type Obj = Record<string, unknown>;

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Converts a stored core/v1 Event into its events.k8s.io/v1 form. */
export function eventFromV1(ev: KubeObject): KubeObject {
  const e = ev as Obj;
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: ev.metadata,
    ...pick(e, ['type', 'reason', 'action', 'related', 'series']),
    ...(e.involvedObject !== undefined ? { regarding: e.involvedObject } : {}),
    ...(e.message !== undefined ? { note: e.message } : {}),
    ...(e.eventTime !== undefined ? { eventTime: e.eventTime } : { eventTime: null }),
    ...(e.reportingComponent !== undefined ? { reportingController: e.reportingComponent } : {}),
    ...(e.reportingInstance !== undefined ? { reportingInstance: e.reportingInstance } : {}),
    ...(e.source !== undefined ? { deprecatedSource: e.source } : {}),
    ...(e.firstTimestamp !== undefined ? { deprecatedFirstTimestamp: e.firstTimestamp } : {}),
    ...(e.lastTimestamp !== undefined ? { deprecatedLastTimestamp: e.lastTimestamp } : {}),
    ...(e.count !== undefined ? { deprecatedCount: e.count } : {}),
  };
}

/** Converts an events.k8s.io/v1 Event into the stored core/v1 form. */
export function eventToV1(ev: KubeObject): KubeObject {
  const e = ev as Obj;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: ev.metadata,
    ...pick(e, ['type', 'reason', 'action', 'related', 'series', 'eventTime']),
    ...(e.regarding !== undefined ? { involvedObject: e.regarding } : { involvedObject: {} }),
    ...(e.note !== undefined ? { message: e.note } : {}),
    ...(e.reportingController !== undefined ? { reportingComponent: e.reportingController } : {}),
    ...(e.reportingInstance !== undefined ? { reportingInstance: e.reportingInstance } : {}),
    ...(e.deprecatedSource !== undefined ? { source: e.deprecatedSource } : {}),
    ...(e.deprecatedFirstTimestamp !== undefined
      ? { firstTimestamp: e.deprecatedFirstTimestamp }
      : {}),
    ...(e.deprecatedLastTimestamp !== undefined
      ? { lastTimestamp: e.deprecatedLastTimestamp }
      : {}),
    ...(e.deprecatedCount !== undefined ? { count: e.deprecatedCount } : {}),
  };
}
