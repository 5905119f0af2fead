import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** Serial console and VNC: `?probe=true` GETs here; websocket upgrades through `upgrade`. */
export function registerConsoleRoutes(
  _router: Router,
  _ctx: AppContext,
): {
  /** Handles an upgrade request under the API prefix; false when the path is not a console. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): boolean;
  close(): void;
} {
  return { upgrade: () => false, close() {} };
}
