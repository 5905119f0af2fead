import type { VmRow } from '@dvp/api';
import type { MessageKey } from '../../i18n/i18n.tsx';

/**
 * What the VM's state allows, from the DVP controller's applicability rules
 * (dvp-api.md §9: VMOP types × VM phases) plus the webhook's concurrency rule (one unfinished
 * operation at a time unless the new one may supersede it). RBAC is checked separately
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

/** What a bulk action will do: the VMs it acts on and those it skips (state does not allow it). */
export interface BulkPlan {
  action: BulkAction;
  act: VmRow[];
  skip: VmRow[];
}

export function planBulk(action: BulkAction, rows: readonly VmRow[]): BulkPlan {
  const act: VmRow[] = [];
  const skip: VmRow[] = [];
  for (const r of rows) (vmCan[action](r).allowed ? act : skip).push(r);
  return { action, act, skip };
}

/** At most `max` names, then "…" (the summary stays readable for 500 selected VMs). */
export function nameList(rows: readonly VmRow[], max = 10): string {
  const names = rows.slice(0, max).map((r) => r.name);
  return rows.length > max ? `${names.join(', ')}, …` : names.join(', ');
}
