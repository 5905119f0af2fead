import { QmpError, ConnectionLostError } from '../qmp/errors.ts';
import type { QmpCommandName, QmpEvent, QmpGreeting, QmpReturn } from '../qmp/commands.ts';
import type { ExecuteOptions, ExecuteRest, QmpMonitor } from '../qmp/monitor.ts';
import { EventHub } from '../util/event-hub.ts';

/** A command as the fake monitor received it. */
export interface FakeCall {
  command: string;
  args: unknown;
}

/** Answers one command: return a value (or a promise), or throw a QmpError. */
export type FakeRunFn = (command: string, args: unknown) => unknown;

/** An in-memory {@link QmpMonitor} with a scripted command handler and injectable events. */
export interface FakeMonitor extends QmpMonitor {
  /** Every command executed so far, in order. */
  readonly calls: FakeCall[];
  /** Delivers an event to every `events()` subscriber. */
  emit(event: string, data?: Record<string, unknown>): void;
  /** Simulates a lost connection: in-flight and later commands reject with ConnectionLostError. */
  disconnect(): void;
}

const GREETING: QmpGreeting = {
  QMP: {
    version: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'fake' },
    capabilities: ['oob'],
  },
};

/**
 * Builds a fake monitor (go-qemu's `qmptest` idea): `run` decides each reply, so unit tests can
 * script QEMU's behaviour, including errors (throw `new QmpError(...)`) and slow replies.
 */
export function createFakeMonitor(run: FakeRunFn = () => ({})): FakeMonitor {
  const hub = new EventHub<QmpEvent>();
  const calls: FakeCall[] = [];
  let connected = false;
  const inflight = new Set<(err: Error) => void>();

  const monitor: FakeMonitor = {
    calls,
    get greeting() {
      return connected ? GREETING : undefined;
    },
    get connected() {
      return connected;
    },
    connect() {
      connected = true;
      return Promise.resolve();
    },
    close() {
      connected = false;
      hub.close();
      return Promise.resolve();
    },
    events(signal?: AbortSignal) {
      return hub.subscribe(signal);
    },
    execute<C extends QmpCommandName>(command: C, ...rest: ExecuteRest<C>): Promise<QmpReturn<C>> {
      const [args, options] = rest as [unknown, ExecuteOptions | undefined];
      if (!connected) return Promise.reject(new ConnectionLostError('not connected', command));
      calls.push({ command, args });
      return new Promise<QmpReturn<C>>((resolve, reject) => {
        const fail = (err: Error) => {
          inflight.delete(fail);
          reject(err);
        };
        inflight.add(fail);
        options?.signal?.addEventListener('abort', () => fail(new Error('aborted')), {
          once: true,
        });
        Promise.resolve()
          .then(() => run(command, args))
          .then(
            (value) => {
              inflight.delete(fail);
              resolve(value as QmpReturn<C>);
            },
            (err: unknown) =>
              fail(err instanceof Error ? err : new QmpError('GenericError', String(err), command)),
          );
      });
    },
    emit(event: string, data?: Record<string, unknown>) {
      const now = Date.now();
      hub.publish({
        event,
        ...(data ? { data } : {}),
        timestamp: { seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000 },
      });
    },
    disconnect() {
      connected = false;
      for (const fail of [...inflight]) fail(new ConnectionLostError('fake disconnect'));
    },
  };
  return monitor;
}
