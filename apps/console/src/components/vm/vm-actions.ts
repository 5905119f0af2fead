import type { VmRow } from '@dvp/api';
import type { MessageKey } from '../../i18n/i18n.tsx';

/**
 * What the VM's state allows, from the DVP controller's applicability rules
 * (dvp-api.md §9: VMOP types × VM phases × run policies) plus the webhook's concurrency rule (one
 * unfinished operation at a time unless the new one may supersede it). RBAC is checked separately
 * (`useCan`), so these checks stay pure and unit-testable. The cluster still decides.
 */

export type VmActionId = 'start' | 'stop' | 'restart' | 'migrate' | 'cancelMigration' | 'delete';

/** Allowed, or not with the reason (a message key) to show on the disabled control. */
export interface VmCheck {
  allowed: boolean;
  reason?: MessageKey;
}

/** A state check with the phases it accepts (`vmCan.start.states`). */
export interface VmCapability {
  (row: VmRow): VmCheck;
  /** VM phases in which the action applies (empty: any phase). */
  readonly states: readonly string[];
}

/**
 * Run policies (`spec.runPolicy`) under which an operation does not apply, as the controller
 * judges them (it completes such an operation with `NotApplicableForVirtualMachineRunPolicy`):
 * `AlwaysOn` starts the VM by itself and restarts it after any stop, so neither Start nor Stop
 * applies; `AlwaysOff` keeps it off, so nothing applies. `Manual` and
 * `AlwaysOnUnlessStoppedManually` allow every power operation.
 */
const NOT_UNDER_POLICY: Record<string, readonly string[]> = {
  Start: ['AlwaysOn', 'AlwaysOff'],
  Stop: ['AlwaysOn', 'AlwaysOff'],
  Restart: ['AlwaysOff'],
  Migrate: ['AlwaysOff'],
};

/** The reason shown when the VM's run policy holds it on or off. */
function policyReason(opType: string, policy: string): MessageKey {
  if (policy === 'AlwaysOff') return 'vm-list.reason.runPolicy.AlwaysOff';
  return opType === 'Start'
    ? 'vm-list.reason.runPolicy.start.AlwaysOn'
    : 'vm-list.reason.runPolicy.stop.AlwaysOn';
}

/** Whether a refusal is the VM's run policy (bulk actions list those VMs apart). */
export function isPolicyReason(reason: MessageKey | undefined): boolean {
  return !!reason?.startsWith('vm-list.reason.runPolicy.');
}

const UNFINISHED_OP = ['Pending', 'InProgress'];
const MIGRATION_OPS = ['Migrate', 'Evict'];

/** The row's operation that is still running, if any. */
export function runningOperation(row: VmRow): VmRow['lastOperation'] {
  const op = row.lastOperation;
  return op && UNFINISHED_OP.includes(op.phase) ? op : null;
}

/** The row's migration (Migrate/Evict operation) that is still running, if any. */
export function runningMigration(row: VmRow): VmRow['lastOperation'] {
  const op = runningOperation(row);
  return op && MIGRATION_OPS.includes(op.type) ? op : null;
}

const ok: VmCheck = { allowed: true };
const no = (reason: MessageKey): VmCheck => ({ allowed: false, reason });

/**
 * May a new operation of `type` start while `row` has an unfinished one? Only when it supersedes
 * it: a Stop supersedes a Start; a Stop or Restart supersedes a Migrate/Evict.
 */
function supersedes(type: string, row: VmRow): boolean {
  const op = runningOperation(row);
  if (!op) return true;
  if (op.type === 'Start') return type === 'Stop';
  if (MIGRATION_OPS.includes(op.type)) return type === 'Stop' || type === 'Restart';
  return false;
}

function capability(
  states: readonly string[],
  check: (row: VmRow) => VmCheck,
  opType?: string,
): VmCapability {
  const fn = (row: VmRow): VmCheck => {
    if (row.deletionTimestamp) return no('vm-list.reason.deleting');
    // The controller checks the run policy before the phase.
    if (opType && NOT_UNDER_POLICY[opType]?.includes(row.runPolicy))
      return no(policyReason(opType, row.runPolicy));
    if (states.length > 0 && !states.includes(row.phase))
      return no(`vm-list.reason.phase.${fnName(opType)}` as MessageKey);
    if (opType && !supersedes(opType, row)) return no('vm-list.reason.busy');
    return check(row);
  };
  return Object.assign(fn, { states });
}

function fnName(opType: string | undefined): string {
  return (opType ?? 'any').toLowerCase();
}

/** The capability table of VM actions. */
export const vmCan = {
  start: capability(['Stopped', 'Stopping'], () => ok, 'Start'),
  stop: capability(['Running', 'Degraded', 'Starting', 'Pause', 'Pending'], () => ok, 'Stop'),
  restart: capability(['Running', 'Degraded', 'Starting', 'Pause'], () => ok, 'Restart'),
  migrate: capability(
    ['Running'],
    (row) => (row.migratable === false ? no('vm-list.reason.notMigratable') : ok),
    'Migrate',
  ),
  cancelMigration: Object.assign(
    (row: VmRow): VmCheck => (runningMigration(row) ? ok : no('vm-list.reason.noMigration')),
    { states: [] as readonly string[] },
  ),
  delete: Object.assign(
    (row: VmRow): VmCheck => (row.deletionTimestamp ? no('vm-list.reason.deleting') : ok),
    { states: [] as readonly string[] },
  ),
} satisfies Record<VmActionId, VmCapability>;

/** The bulk actions of the list toolbar. */
export type BulkAction = 'start' | 'stop' | 'restart' | 'delete';

/**
 * What a bulk action will do: the VMs it acts on, those it skips because their state does not
 * allow it, and those it skips because their run policy holds them on or off.
 */
export interface BulkPlan {
  action: BulkAction;
  act: VmRow[];
  skip: VmRow[];
  held: VmRow[];
}

export function planBulk(action: BulkAction, rows: readonly VmRow[]): BulkPlan {
  const plan: BulkPlan = { action, act: [], skip: [], held: [] };
  for (const r of rows) {
    const check = vmCan[action](r);
    (check.allowed ? plan.act : isPolicyReason(check.reason) ? plan.held : plan.skip).push(r);
  }
  return plan;
}

/** At most `max` names, then "…" (the summary stays readable for 500 selected VMs). */
export function nameList(rows: readonly VmRow[], max = 10): string {
  const names = rows.slice(0, max).map((r) => r.name);
  return rows.length > max ? `${names.join(', ')}, …` : names.join(', ');
}
