/** An error reply from QEMU: `{"error": {"class": ..., "desc": ...}}` for one command. */
export class QmpError extends Error {
  override readonly name = 'QmpError';
  /** QAPI error class, e.g. `GenericError`, `CommandNotFound`, `DeviceNotFound`. */
  readonly class: string;
  /** QEMU's human-readable description. */
  readonly desc: string;
  /** The command that failed. */
  readonly command: string;

  constructor(errorClass: string, desc: string, command: string) {
    super(`${command}: ${desc} (${errorClass})`);
    this.class = errorClass;
    this.desc = desc;
    this.command = command;
  }
}

/** The monitor connection closed while a command was in flight or before one could be sent. */
export class ConnectionLostError extends Error {
  override readonly name = 'ConnectionLostError';
  constructor(
    message: string,
    /** The command that was in flight, when there was one. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A command got no reply within its per-call timeout. */
export class QmpTimeoutError extends Error {
  override readonly name = 'QmpTimeoutError';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`${command}: no reply within ${timeoutMs} ms`);
  }
}

/** Narrows an unknown thrown value to a QmpError of the given class (any class when omitted). */
export function isQmpError(err: unknown, errorClass?: string): err is QmpError {
  return err instanceof QmpError && (errorClass === undefined || err.class === errorClass);
}
