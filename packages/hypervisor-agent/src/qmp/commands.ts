/**
 * A hand-written subset of the QAPI schema of QEMU 7.2: the commands the agent uses, with their
 * arguments and return values. Field names keep QEMU's spelling so a value can be sent unchanged.
 */

/** QEMU run states reported by `query-status` (subset that matters to the agent). */
export type RunState =
  | 'running'
  | 'paused'
  | 'shutdown'
  | 'postmigrate'
  | 'inmigrate'
  | 'prelaunch'
  | 'finish-migrate'
  | 'internal-error'
  | 'io-error'
  | 'guest-panicked'
  | 'suspended'
  | 'restore-vm'
  | 'save-vm'
  | 'debug'
  | 'watchdog'
  | 'colo';

/** Migration status values of `query-migrate` and the MIGRATION event. */
export type MigrationStatus =
  | 'none'
  | 'setup'
  | 'cancelling'
  | 'cancelled'
  | 'active'
  | 'postcopy-active'
  | 'postcopy-paused'
  | 'postcopy-recover'
  | 'completed'
  | 'failed'
  | 'colo'
  | 'pre-switchover'
  | 'device'
  | 'wait-unplug';

/** RAM statistics of `query-migrate`. */
export interface MigrationRamStats {
  transferred: number;
  remaining: number;
  total: number;
  duplicate: number;
  normal: number;
  'normal-bytes': number;
  'dirty-pages-rate': number;
  mbps: number;
  'dirty-sync-count': number;
  'page-size': number;
  'pages-per-second'?: number;
  'precopy-bytes'?: number;
  'downtime-bytes'?: number;
}

/** The reply of `query-migrate`. */
export interface MigrationInfo {
  status?: MigrationStatus;
  ram?: MigrationRamStats;
  'total-time'?: number;
  'expected-downtime'?: number;
  downtime?: number;
  'setup-time'?: number;
  'cpu-throttle-percentage'?: number;
  'error-desc'?: string;
  /** On an incoming side listening on port 0: the address actually bound. */
  'socket-address'?: { type: string; host?: string; port?: string }[];
}

/** Settable migration parameters (`migrate-set-parameters`). */
export interface MigrationParameters {
  'max-bandwidth'?: number;
  'downtime-limit'?: number;
  'cpu-throttle-initial'?: number;
  'cpu-throttle-increment'?: number;
  'max-cpu-throttle'?: number;
  'throttle-trigger-threshold'?: number;
}

/** Migration capabilities the agent switches. */
export type MigrationCapability = 'events' | 'auto-converge' | 'pause-before-switchover';

/** One entry of `query-block`. */
export interface BlockInfo {
  device: string;
  qdev?: string;
  removable: boolean;
  locked: boolean;
  inserted?: {
    'node-name': string;
    file: string;
    ro: boolean;
    drv: string;
    image: { 'virtual-size': number; filename: string; format: string };
  };
}

/** `blockdev-add` options, as nested JSON (the agent always names its nodes). */
export type BlockdevOptions = {
  driver: string;
  'node-name': string;
  'read-only'?: boolean;
  'auto-read-only'?: boolean;
  discard?: 'ignore' | 'unmap';
  cache?: { direct?: boolean; 'no-flush'?: boolean };
  file?: string | { driver: 'file'; filename: string; aio?: 'threads' | 'native' };
  filename?: string;
};

/** `device_add` arguments: a driver, an id and driver-specific properties. */
export type DeviceAddArgs = { driver: string; id: string } & Record<
  string,
  string | number | boolean
>;

/** Map from command name to its argument and return types. `undefined` args = none. */
export interface QmpCommands {
  qmp_capabilities: { args: { enable?: string[] } | undefined; ret: Record<string, never> };
  'query-status': { args: undefined; ret: { status: RunState; running: boolean } };
  'query-version': {
    args: undefined;
    ret: { qemu: { major: number; minor: number; micro: number }; package: string };
  };
  'query-kvm': { args: undefined; ret: { enabled: boolean; present: boolean } };
  'query-name': { args: undefined; ret: { name?: string } };
  'query-vnc': {
    args: undefined;
    ret: { enabled: boolean; service?: string; clients?: { host: string }[] };
  };
  'query-block': { args: undefined; ret: BlockInfo[] };
  'query-cpus-fast': { args: undefined; ret: { 'cpu-index': number; 'thread-id': number }[] };
  stop: { args: undefined; ret: Record<string, never> };
  cont: { args: undefined; ret: Record<string, never> };
  system_reset: { args: undefined; ret: Record<string, never> };
  system_powerdown: { args: undefined; ret: Record<string, never> };
  quit: { args: undefined; ret: Record<string, never> };
  screendump: { args: { filename: string; format?: 'ppm' | 'png' }; ret: Record<string, never> };
  'human-monitor-command': { args: { 'command-line': string }; ret: string };
  migrate: { args: { uri: string }; ret: Record<string, never> };
  'migrate-incoming': { args: { uri: string }; ret: Record<string, never> };
  migrate_cancel: { args: undefined; ret: Record<string, never> };
  'query-migrate': { args: undefined; ret: MigrationInfo };
  'migrate-set-capabilities': {
    args: { capabilities: { capability: MigrationCapability; state: boolean }[] };
    ret: Record<string, never>;
  };
  'query-migrate-capabilities': {
    args: undefined;
    ret: { capability: string; state: boolean }[];
  };
  'migrate-set-parameters': { args: MigrationParameters; ret: Record<string, never> };
  'query-migrate-parameters': { args: undefined; ret: Required<MigrationParameters> };
  'blockdev-add': { args: BlockdevOptions; ret: Record<string, never> };
  'blockdev-del': { args: { 'node-name': string }; ret: Record<string, never> };
  device_add: { args: DeviceAddArgs; ret: Record<string, never> };
  device_del: { args: { id: string }; ret: Record<string, never> };
  block_resize: { args: { 'node-name': string; size: number }; ret: Record<string, never> };
}

/** Every command the typed layer knows. */
export type QmpCommandName = keyof QmpCommands;
/** Arguments of a command (`undefined` when it takes none). */
export type QmpArgs<C extends QmpCommandName> = QmpCommands[C]['args'];
/** Return value of a command. */
export type QmpReturn<C extends QmpCommandName> = QmpCommands[C]['ret'];

/** An asynchronous QMP event, as QEMU sends it. */
export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
}

/** The greeting QEMU sends on connect. */
export interface QmpGreeting {
  QMP: {
    version: { qemu: { major: number; minor: number; micro: number }; package: string };
    capabilities: string[];
  };
}
