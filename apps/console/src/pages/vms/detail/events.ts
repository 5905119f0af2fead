import { REQUESTED_BY_ANNOTATION, type Event, type VirtualMachineOperation } from '@dvp/api';

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

/**
 * Who asked for an operation: the user the console's BFF authenticated when it created it
 * (`REQUESTED_BY_ANNOTATION`, which the BFF sets and a client cannot forge through it). Operations
 * created some other way (kubectl, `d8 v`, controllers) do not say.
 */
export function operationAuthor(op: VirtualMachineOperation): string | undefined {
  return op.metadata.annotations?.[REQUESTED_BY_ANNOTATION] || undefined;
}

export function sortOperations(ops: readonly VirtualMachineOperation[]): VirtualMachineOperation[] {
  const time = (o: VirtualMachineOperation) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  return [...ops].sort((a, b) => time(b) - time(a));
}
