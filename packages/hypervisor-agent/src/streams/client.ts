/**
 * One consumer of a guest stream (a websocket, the sandbox's subresource connection, a test).
 * Bytes only: the serial port and RFB are binary protocols.
 */
export interface StreamClient {
  /** Delivers bytes from the guest. */
  send(data: Buffer): void;
  /** Ends the client's session; codes follow websocket close codes (see {@link CloseCodes}). */
  close(code: number, reason: string): void;
}

/** Close codes the agent uses towards stream clients. */
export const CloseCodes = {
  /** The guest stopped or the agent is shutting down (websocket "going away"). */
  guestGone: 1001,
  /** The guest stream could not be opened. */
  unavailable: 1011,
  /** Another client took over the exclusive (VNC) session. */
  takenOver: 4001,
} as const;

/** Who holds an exclusive console session (DVP's VirtualMachineSession shape). */
export interface StreamSession {
  /** User name of the holder. */
  holder: string;
  /** When the session started, RFC 3339. */
  startTime: string;
  /** The client (User-Agent), at most 128 characters. */
  client: string;
}
