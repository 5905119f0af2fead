import type { QmpArgs, QmpCommandName, QmpEvent, QmpGreeting, QmpReturn } from './commands.ts';

/** Per-call options of {@link QmpMonitor.execute}. */
export interface ExecuteOptions {
  /** Aborts the wait for the reply (the command may still run in QEMU). */
  signal?: AbortSignal;
  /** Rejects with QmpTimeoutError after this many milliseconds (monitor default otherwise). */
  timeoutMs?: number;
}

/** Arguments after the command name: optional when the command takes none. */
export type ExecuteRest<C extends QmpCommandName> =
  undefined extends QmpArgs<C>
    ? [args?: QmpArgs<C>, options?: ExecuteOptions]
    : [args: QmpArgs<C>, options?: ExecuteOptions];

/** A QEMU Machine Protocol connection (real socket or fake). */
export interface QmpMonitor {
  /** Connects, reads the greeting and negotiates capabilities. */
  connect(): Promise<void>;
  /** Closes the connection for good: pending commands reject, event streams end. */
  close(): Promise<void>;
  /** Runs one typed command and resolves with its `return` value; rejects with QmpError. */
  execute<C extends QmpCommandName>(command: C, ...rest: ExecuteRest<C>): Promise<QmpReturn<C>>;
  /** Asynchronous events from now on, surviving reconnects, until close() or `signal`. */
  events(signal?: AbortSignal): AsyncIterableIterator<QmpEvent>;
  /** The greeting of the current connection, once connected. */
  readonly greeting: QmpGreeting | undefined;
  /** True while a connection is established. */
  readonly connected: boolean;
}
