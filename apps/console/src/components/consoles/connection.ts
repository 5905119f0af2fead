import { CONSOLE_CLOSE_CODES, type ConsoleHolder } from '@dvp/api';
import type { MessageKey } from '../../i18n/i18n.tsx';

/** Why a console session is not (or no longer) connected; each has one sentence in the catalogue. */
export type CloseReason =
  | 'takenOver'
  | 'idle'
  | 'maxLifetime'
  | 'upstreamLost'
  | 'shutdown'
  | 'vmGone'
  | 'streamFailed'
  | 'ended'
  | 'refused'
  | 'networkLost';

/** A console's connection (style.md §8): one union, reasons rendered from {@link REASON_TEXT}. */
export type ConnState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'disconnected'; reason: CloseReason }
  | { status: 'failed'; reason: CloseReason };

const C = CONSOLE_CLOSE_CODES;

/** Close code → reason for sessions that were open (the contract's codes, then the browser's). */
const BY_CODE: Readonly<Record<number, CloseReason>> = {
  [C.normal]: 'ended',
  [C.goingAway]: 'vmGone',
  [C.streamFailed]: 'streamFailed',
  [C.takenOver]: 'takenOver',
  [C.idle]: 'idle',
  [C.maxLifetime]: 'maxLifetime',
  [C.upstreamLost]: 'upstreamLost',
  [C.shutdown]: 'shutdown',
  // 1006: no close frame (network or BFF gone).
  1006: 'networkLost',
};

/**
 * The state after a websocket closed. A socket that never opened was refused before the upgrade
 * (the BFF answers 403/404/"not Running" with an HTTP status, which browsers hide): `failed`.
 */
export function stateOfClose(code: number, opened: boolean): ConnState {
  if (!opened) return { status: 'failed', reason: 'refused' };
  return { status: 'disconnected', reason: BY_CODE[code] ?? 'ended' };
}

/**
 * Reasons after which the console reconnects by itself: the guest's serial stream went away but
 * the VM may well still run — a live migration ends the source's stream, and the guest (with its
 * logged-in shell) continues on the target node. Takeover, idle and lifetime limits are final.
 */
const FOLLOWS: ReadonlySet<CloseReason> = new Set([
  'vmGone',
  'upstreamLost',
  'streamFailed',
  'networkLost',
]);

/** How many times in a row the console tries to reconnect before it gives up. */
export const RECONNECT_ATTEMPTS = 10;

/** Should a session that ended with `state` reconnect, after `attempt` failed tries in a row? */
export function shouldReconnect(state: ConnState, attempt: number): boolean {
  if (attempt >= RECONNECT_ATTEMPTS) return false;
  if (state.status === 'failed') return attempt > 0; // refused while retrying: the VM may be moving
  return state.status === 'disconnected' && FOLLOWS.has(state.reason);
}

/** The sentence for each reason (lookup table, style.md §8). */
export const REASON_TEXT: Readonly<Record<CloseReason, MessageKey>> = {
  takenOver: 'consoles.reason.takenOver',
  idle: 'consoles.reason.idle',
  maxLifetime: 'consoles.reason.maxLifetime',
  upstreamLost: 'consoles.reason.upstreamLost',
  shutdown: 'consoles.reason.shutdown',
  vmGone: 'consoles.reason.vmGone',
  streamFailed: 'consoles.reason.streamFailed',
  ended: 'consoles.reason.ended',
  refused: 'consoles.reason.refused',
  networkLost: 'consoles.reason.networkLost',
};

export const STATE_TEXT: Readonly<Record<ConnState['status'], MessageKey>> = {
  connecting: 'consoles.state.connecting',
  connected: 'consoles.state.connected',
  disconnected: 'consoles.state.disconnected',
  failed: 'consoles.state.failed',
};

/** DVP serves consoles only for these phases ("VirtualMachine is not Running or Migrating"). */
export function consoleAvailable(phase: string): boolean {
  return phase === 'Running' || phase === 'Migrating';
}

/** A holder answer as a holder, or `undefined` when nobody holds it (or the answer is unusable). */
export function parseHolder(
  raw: unknown,
): (Required<Pick<ConsoleHolder, 'holder'>> & ConsoleHolder) | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const holder = str(o.holder);
  if (!holder) return undefined;
  const startTime = str(o.startTime);
  const client = str(o.client);
  return {
    holder,
    ...(startTime && !Number.isNaN(Date.parse(startTime)) ? { startTime } : {}),
    ...(client ? { client } : {}),
  };
}

/**
 * A short client name for the holder line: the BFF sends `dvp-console (<browser UA>)`, which is
 * reduced to the browser and its major version; other clients (d8, remote-viewer) stay as sent,
 * cut to 60 characters.
 */
export function shortClient(client: string): string {
  const web = /^dvp-console \((.*)\)$/.exec(client);
  if (web) {
    const ua = web[1] ?? '';
    const browser = /(Edg|OPR|Firefox|HeadlessChrome|Chrome|Version)\/(\d+)/.exec(ua);
    const label = browser
      ? `${browser[1] === 'Version' ? 'Safari' : browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]}`
      : undefined;
    return label ? `dvp-console, ${label}` : 'dvp-console';
  }
  return client.length > 60 ? `${client.slice(0, 59)}…` : client;
}
