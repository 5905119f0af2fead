import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { VmRuntime, VmState } from './vm-runtime.ts';

/** Appends a phase change to `stats.phasesTransitions` (the last 20 are kept). */
export function recordTransitions(rt: VmRuntime, st: VmState, phase: string, now: string): void {
  const last = st.transitions.at(-1);
  if (last?.phase === phase) return;
  st.transitions = [...st.transitions, { phase, timestamp: now }].slice(-20);
  rt.save(st);
}

const seen = new Map<string, { phase?: string; changes: number }>();

/**
 * Events of a VM from status changes: Started, Stopped, Migrated, RestartAwaitingChanges,
 * ChangesApplied (dvp-api.md §4.4 event reasons). Remembers what it reported per VM uid, so a
 * stale cache does not report twice.
 */
export function vmEvents(
  ctx: ControllerContext,
  vm: KubeObject,
  status: Record<string, unknown>,
): void {
  const uid = vm.metadata.uid ?? '';
  const prevStatus = (vm.status ?? {}) as { phase?: string; restartAwaitingChanges?: unknown[] };
  const prev = seen.get(uid) ?? {
    ...(prevStatus.phase ? { phase: prevStatus.phase } : {}),
    changes: prevStatus.restartAwaitingChanges?.length ?? 0,
  };
  const phase = status.phase as string;
  const changes = Array.isArray(status.restartAwaitingChanges)
    ? status.restartAwaitingChanges.length
    : 0;
  const node = status.nodeName as string | undefined;
  const migration = status.migrationState as
    { result?: string; source?: { node?: string } } | undefined;
  if (phase !== prev.phase) {
    if (phase === 'Running' && prev.phase === 'Migrating') {
      if (migration?.result === 'Succeeded') {
        void ctx.events.record(
          vm,
          'Normal',
          'Migrated',
          `The virtual machine migrated from ${migration.source?.node ?? '?'} to ${node ?? '?'}.`,
        );
      }
    } else if (phase === 'Running') {
      void ctx.events.record(
        vm,
        'Normal',
        'Started',
        `The virtual machine started on ${node ?? '?'}.`,
      );
      if (prev.changes > 0 && changes === 0) {
        void ctx.events.record(
          vm,
          'Normal',
          'ChangesApplied',
          'The configuration changes were applied by the restart.',
        );
      }
    } else if (phase === 'Stopped' && prev.phase !== undefined && prev.phase !== 'Pending') {
      void ctx.events.record(vm, 'Normal', 'Stopped', 'The virtual machine is stopped.');
    }
  }
  if (changes > 0 && prev.changes === 0) {
    void ctx.events.record(
      vm,
      'Normal',
      'RestartAwaitingChanges',
      'Changes wait for a restart; see status.restartAwaitingChanges.',
    );
  }
  seen.set(uid, { phase, changes: phase === 'Running' || changes > 0 ? changes : prev.changes });
}
