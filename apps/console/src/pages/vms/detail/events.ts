import type { Event, VirtualMachineOperation } from '@dvp/api';

/** When an event last happened (series, lastTimestamp, eventTime, creation — the first present). */
export function eventTime(e: Event): string | undefined {
  return (
    e.series?.lastObservedTime ??
    e.lastTimestamp ??
    e.eventTime ??
    e.firstTimestamp ??
    e.metadata.creationTimestamp
  );
}

/** How many times it happened. */
export function eventCount(e: Event): number {
  return e.series?.count ?? e.count ?? 1;
}

/** Newest first, by time (ties keep the server's order). */
export function sortEvents(events: readonly Event[]): Event[] {
  return [...events].sort(
    (a, b) => Date.parse(eventTime(b) ?? '') - Date.parse(eventTime(a) ?? '') || 0,
  );
}

const WHO_KEYS = [/created-by$/, /\/creator$/, /\/initiator$/, /\/user(name)?$/];

/** Who started an operation, if an annotation records it (the API does not otherwise say). */
export function operationAuthor(op: VirtualMachineOperation): string | undefined {
  const annotations = op.metadata.annotations ?? {};
  for (const re of WHO_KEYS) {
    const key = Object.keys(annotations).find((k) => re.test(k));
    if (key && annotations[key]) return annotations[key];
  }
  return undefined;
}

export function sortOperations(ops: readonly VirtualMachineOperation[]): VirtualMachineOperation[] {
  const time = (o: VirtualMachineOperation) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  return [...ops].sort((a, b) => time(b) - time(a));
}
