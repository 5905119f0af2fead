import { z } from 'zod';
import { endpoint } from './endpoint.ts';

/**
 * Serial console and VNC through the BFF: websocket upgrades of `CONSOLE_PATH`/`VNC_PATH`
 * (binary frames; subprotocol `plain.kubevirt.io`, or `binary` for noVNC), and the same paths as
 * plain GETs with `?probe=true` to learn who holds the session (DVP's VirtualMachineSession).
 */

/** Who holds a console or VNC session; `{}` when nobody does. */
export interface ConsoleHolder {
  holder?: string;
  startTime?: string;
  client?: string;
}

/**
 * Close codes a browser sees on a console/VNC websocket. The cluster's codes pass through
 * (1000 normal end, 1001 the VM or the API server going away, 1011 the guest stream failed,
 * 4001 another client took the session over); the rest are the BFF's own.
 */
export const CONSOLE_CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  streamFailed: 1011,
  /** Another client opened the same console (DVP keeps one stream per VM and kind). */
  takenOver: 4001,
  /** No bytes in either direction for the BFF's idle limit. */
  idle: 4100,
  /** The session reached the BFF's maximum lifetime; reconnect to continue. */
  maxLifetime: 4101,
  /** The connection to the cluster dropped without a close frame: retryable. */
  upstreamLost: 4102,
  /** The BFF is shutting down ("Service Restart"): reconnect shortly. */
  shutdown: 1012,
} as const;

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ProbeParams = z.object({
  namespace: z.string().regex(NAMESPACE),
  name: z.string().regex(NAME),
});
const ProbeQuery = z.object({ probe: z.string().optional() });
const vmPath = '/api/v1/namespaces/:namespace/virtualmachines/:name';

export const consoleEndpoints = {
  vmConsoleProbe: endpoint({
    name: 'vmConsoleProbe',
    method: 'GET',
    path: `${vmPath}/console`,
    params: ProbeParams,
    query: ProbeQuery,
  }).response<ConsoleHolder>(),
  vmVncProbe: endpoint({
    name: 'vmVncProbe',
    method: 'GET',
    path: `${vmPath}/vnc`,
    params: ProbeParams,
    query: ProbeQuery,
  }).response<ConsoleHolder>(),
};
