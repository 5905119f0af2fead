/**
 * Shared parts of the controllers that restore from VM snapshots.
 */
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { ResourceRef } from '../runtime/client.ts';
import type { Informer } from '../runtime/informer.ts';
import {
  REF,
  condition,
  conditionsOf,
  mergeConditions,
  patchStatusIfChanged,
  type Condition,
  type Obj,
} from './common.ts';
import type { Renames } from './restore-plan.ts';
import type { RunOutcome } from './restore-run.ts';

/** Renames of a clone block (`customization` + `nameReplacement[s]`). */
export function cloneRenames(clone: Record<string, unknown> | undefined): Renames {
  const c = (clone ?? {}) as {
    nameReplacement?: Renames['replacements'];
    nameReplacements?: Renames['replacements'];
    customization?: { namePrefix?: string; nameSuffix?: string };
  };
  return {
    replacements: [...(c.nameReplacement ?? []), ...(c.nameReplacements ?? [])],
    ...(c.customization?.namePrefix ? { prefix: c.customization.namePrefix } : {}),
    ...(c.customization?.nameSuffix ? { suffix: c.customization.nameSuffix } : {}),
  };
}

/** Base of controllers that consume VM snapshots: informers and status writes. */
export abstract class SnapshotUser extends Controller {
  protected own!: Informer<Obj>;
  protected snapshots!: Informer<Obj>;
  protected vms!: Informer<Obj>;

  constructor(
    ctx: ControllerContext,
    name: string,
    protected readonly ref: ResourceRef,
  ) {
    super(ctx, name);
  }

  setup(): void {
    const f = this.ctx.informers;
    this.own = f.for<Obj>(this.ref);
    this.snapshots = f.for<Obj>(REF.vms);
    this.vms = f.for<Obj>(REF.vm);
    this.own.addHandler(this.self());
    const byNs = (o: Obj) => this.own.list(o.metadata.namespace).forEach((x) => this.enqueue(x));
    this.snapshots.addHandler({ add: byNs, update: byNs, delete: byNs });
    this.vms.addHandler({ add: byNs, update: byNs, delete: byNs });
  }

  protected async write(
    o: Obj,
    fields: Record<string, unknown>,
    conds: Condition[],
    remove: string[] = [],
  ): Promise<void> {
    await patchStatusIfChanged(this.ctx.client, this.ref, o, {
      ...fields,
      conditions: mergeConditions(conditionsOf(o), conds, remove),
    });
  }

  /** Writes an operation's (VMOP/VMSOP) end state from a run outcome. */
  protected finish(o: Obj, out: RunOutcome, extra: Condition[] = []): Promise<void> {
    const ok = out.result === 'done' || out.result === 'dryRun';
    return this.write(o, { phase: ok ? 'Completed' : 'Failed', resources: out.resources }, [
      condition(
        o,
        'Completed',
        ok ? 'True' : 'False',
        ok ? 'OperationCompleted' : 'OperationFailed',
        out.message,
      ),
      ...extra,
    ]);
  }
}
