/**
 * One restore or clone run shared by VirtualMachineRestore, VMOP Restore/Clone and VMSOP
 * CreateVirtualMachine: plan, check every target name, then create everything or nothing.
 */
import type { ControllerContext } from '../runtime/context.ts';
import { vmDiskNames, type Obj } from './common.ts';
import {
  applyPlan,
  fetchExisting,
  loadSnapshotContent,
  type ResourceStatus,
} from './restore-exec.ts';
import {
  findConflicts,
  missingImages,
  planRestore,
  type Conflict,
  type Renames,
} from './restore-plan.ts';

/** Annotation naming the operation that created a restored object. */
export const RESTORED_BY = 'sandbox.deckhouse.io/restored-by';

/** How a run treats conflicts. */
export type RunMode = 'DryRun' | 'Strict' | 'BestEffort' | 'Safe' | 'Forced';

/** What to run. */
export interface RunInput {
  /** The operation's uid: objects it created carry it, so a retried run recognises them. */
  operationUid: string;
  namespace: string;
  /** A Ready VirtualMachineSnapshot. */
  snapshot: Obj;
  renames: Renames;
  mode: RunMode;
  keepIPAddress: boolean;
  /** Restore into this existing VM (its configuration and its own disks are overwritten). */
  inPlaceVm?: Obj;
}

/** What a run did. */
export type RunOutcome =
  | { result: 'failed'; message: string; resources: ResourceStatus[] }
  | { result: 'conflict'; message: string; conflicts: Conflict[]; resources: ResourceStatus[] }
  | { result: 'dryRun'; message: string; resources: ResourceStatus[] }
  | { result: 'done'; message: string; resources: ResourceStatus[] };

/** Plans, checks and (unless DryRun or conflicting) applies a restore. */
export async function runRestore(ctx: ControllerContext, input: RunInput): Promise<RunOutcome> {
  const loaded = await loadSnapshotContent(ctx, input.snapshot);
  if (!loaded.ok) return { result: 'failed', message: loaded.message, resources: [] };
  const content = loaded.content;
  const opts = { namespace: input.namespace, keepIPAddress: input.keepIPAddress };
  const first = planRestore(content, input.renames, opts);
  const existing = await fetchExisting(ctx, input.namespace, first, content);
  const missing = missingImages(content, existing);
  const plan =
    input.mode === 'BestEffort' && missing.length
      ? planRestore(content, input.renames, { ...opts, dropRefs: new Set(missing) })
      : first;

  const overwrite = new Set<string>();
  const target = input.inPlaceVm;
  if (target) {
    overwrite.add(`VirtualMachine/${target.metadata.name ?? ''}`);
    for (const d of vmDiskNames(target)) overwrite.add(`VirtualDisk/${d}`);
    for (const d of content.disks) overwrite.add(`VirtualDisk/${d.name}`);
  }
  if (input.mode === 'Forced')
    for (const p of plan)
      if (p.kind === 'VirtualMachine' || p.kind === 'VirtualDisk')
        overwrite.add(`${p.kind}/${p.name}`);

  for (const p of plan)
    p.object.metadata.annotations = {
      ...p.object.metadata.annotations,
      [RESTORED_BY]: input.operationUid,
    };
  const ours = (kind: string, name: string) =>
    existing(kind, name)?.metadata.annotations?.[RESTORED_BY] === input.operationUid;
  const conflicts = findConflicts(
    plan,
    (kind, name) => (ours(kind, name) ? undefined : existing(kind, name)),
    overwrite,
  );
  if (input.mode !== 'BestEffort')
    for (const m of missing) {
      const [kind = '', name = ''] = m.split('/');
      conflicts.push({
        kind,
        name,
        message: `${kind} ${name} used by the VM does not exist (BestEffort mode drops it)`,
      });
    }
  const byId = new Map(conflicts.map((c) => [`${c.kind}/${c.name}`, c]));
  const report = (ok: string): ResourceStatus[] =>
    plan.map((p) => {
      const c = byId.get(`${p.kind}/${p.name}`);
      return {
        apiVersion: p.apiVersion,
        kind: p.kind,
        name: p.name,
        status: c ? 'Failed' : 'Completed',
        message: c ? c.message : ok,
      };
    });
  const conflictText = conflicts.map((c) => c.message).join('; ');
  if (input.mode === 'DryRun')
    return {
      result: 'dryRun',
      message: conflicts.length ? `conflicts: ${conflictText}` : 'no conflicts',
      resources: report('would be restored'),
    };
  if (conflicts.length)
    return {
      result: 'conflict',
      message: `nothing was restored because of conflicts: ${conflictText}; rename the resources (nameReplacements, customization) or remove the conflicting objects`,
      conflicts,
      resources: report('not restored (conflicts elsewhere)'),
    };
  const resources = await applyPlan(ctx, input.namespace, plan, content, existing, overwrite, ours);
  return { result: 'done', message: `restored ${resources.length} resources`, resources };
}
