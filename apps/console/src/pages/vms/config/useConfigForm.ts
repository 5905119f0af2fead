import type { VirtualMachineSpec, VmDetail } from '@dvp/api';
import { useEffect, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { api, call } from '../../../api/client.ts';
import { toApiError, type StatusCause } from '../../../api/errors.ts';
import { olderSpec } from '../../../api/object-order.ts';
import { splitCauses } from '../../../api/error-text.ts';
import { queryKey, useQueryClient } from '../../../api/query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { CAUSE_FIELD_MAP, valuesFromDetail } from './detail-values.ts';
import { applyMergePatch } from './merge-patch.ts';
import { createIp, patchVmSpec, planChanges, runOps, sameEditable, type Plan } from './plan.ts';
import { type ConfigValues, nameOf } from './values.ts';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The Configuration form's state: the VM as loaded (`base`, what the merge patch is computed
 * against), the live object following, and the save flow (dry run → diff dialog → calls).
 */
export function useConfigForm(detail: VmDetail, blocked: boolean) {
  const t = useT();
  const qc = useQueryClient();
  const params = { namespace: detail.vm.metadata.namespace ?? '', name: nameOf(detail.vm) };
  const [base, setBase] = useState(detail);
  const form = useForm<ConfigValues>({ defaultValues: valuesFromDetail(detail), mode: 'onChange' });
  // Without a name, useWatch yields the whole form (its defaults filled in), not a partial.
  const values = useWatch({ control: form.control }) as ConfigValues;
  const plan = planChanges(base.vm, base, values);
  const dirty = plan.diff.length > 0 || plan.ops.length > 0;
  // With edits the form stays on the VM as loaded and only says the server's copy moved on.
  const serverChanged =
    dirty &&
    detail.vm.metadata.resourceVersion !== base.vm.metadata.resourceVersion &&
    !sameEditable(detail.vm, base.vm);
  const [error, setError] = useState<unknown>(null);
  const [unmapped, setUnmapped] = useState<StatusCause[]>([]);
  const [review, setReview] = useState<{ plan: Plan; base: VmDetail } | null>(null);
  const [busy, setBusy] = useState(false);

  // Without edits the form follows the live object: the baseline and the form store (an
  // external store) move together to the server's copy.
  useEffect(() => {
    if (detail === base || olderSpec(detail.vm, base.vm)) return;
    // The form store may hold an edit this render has not seen yet (typed in the same tick as
    // the server's update arrived): ask it, or that edit would be reset away.
    const latest = planChanges(base.vm, base, form.getValues());
    if (dirty || latest.diff.length > 0 || latest.ops.length > 0) {
      // With edits, a server change of status only (the controller writes it often, and every
      // write moves the resourceVersion) is no conflict: the edits stand on the newer copy.
      if (!sameEditable(detail.vm, base.vm)) return;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- only the baseline moves
      setBase(detail);
      // Values that come from other objects (disk sizes, the IP address's owner) follow the
      // server where the user left them alone, or the plan would list their change as an edit.
      const before = valuesFromDetail(base);
      const after = valuesFromDetail(detail);
      const current = form.getValues();
      for (const key of Object.keys(after) as (keyof ConfigValues)[]) {
        if (!sameJson(before[key], after[key]) && sameJson(current[key], before[key]))
          form.setValue(key, after[key]);
      }
      return;
    }
    setBase(detail);
    form.reset(valuesFromDetail(detail));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the server's object changes
  }, [detail, dirty]);

  function showError(e: unknown) {
    const err = toApiError(e);
    if (err.reason === 'Invalid') {
      const { fields, rest } = splitCauses(err, CAUSE_FIELD_MAP);
      for (const f of fields) {
        form.setError(f.name as FieldPath<ConfigValues>, { type: 'server', message: f.message });
      }
      setUnmapped(rest);
      setError(rest.length > 0 || fields.length === 0 ? err : null);
    } else {
      setUnmapped([]);
      setError(err);
    }
  }

  /** Save: validate, dry-run the VM patch (server-side rejections early), show the diff. */
  async function startReview(against: VmDetail = base) {
    setError(null);
    setUnmapped([]);
    if (blocked || !(await form.trigger())) return;
    const p = planChanges(against.vm, against, form.getValues());
    if (p.diff.length === 0 && p.ops.length === 0) return;
    try {
      for (const op of p.ops)
        if (op.kind === 'createIp') await createIp(params.namespace, op, true);
      if (p.specPatch !== undefined) await patchVmSpec(against.vm, p.specPatch, true);
    } catch (e) {
      showError(e);
      return;
    }
    setReview({ plan: p, base: against });
  }

  async function refetch(): Promise<VmDetail> {
    const fresh = await call(api.vmView, { params });
    qc.setQueryData(queryKey(api.vmView, params), fresh);
    return fresh;
  }

  async function apply() {
    if (!review) return;
    const { plan: p, base: b } = review;
    setBusy(true);
    try {
      await runOps(b.vm, p.ops, 'before');
      const saved = p.specPatch === undefined ? undefined : await patchVmSpec(b.vm, p.specPatch);
      await runOps(b.vm, p.ops, 'after');
      // The form moves to the saved object before the dialog closes, so nothing typed after
      // closing it is reset away. (If this read fails, the live object arrives by the stream.)
      const fresh = await refetch().catch(() => null);
      if (fresh) {
        const next = saved && olderSpec(fresh.vm, saved) ? { ...fresh, vm: saved } : fresh;
        setBase(next);
        form.reset(valuesFromDetail(next));
      }
      setReview(null);
      toast('success', t('vm-config.saved'));
    } catch (e) {
      setReview(null);
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  /** 409: fetch the VM again, put the user's changed fields on the fresh object, re-review. */
  async function reloadAndReapply() {
    const current = form.getValues();
    const mine = planChanges(base.vm, base, current);
    let fresh: VmDetail;
    try {
      fresh = await refetch();
    } catch (e) {
      showError(e);
      return;
    }
    const spec = applyMergePatch(fresh.vm.spec, mine.specPatch) as VirtualMachineSpec;
    const reapplied: ConfigValues = {
      ...valuesFromDetail({ ...fresh, vm: { ...fresh.vm, spec } }),
      ipName: current.newStaticIp.trim() !== '' ? '' : (spec.virtualMachineIPAddressName ?? ''),
      deleteDisks: current.deleteDisks,
      sizes: current.sizes,
      attach: current.attach,
      detach: current.detach.filter((n) => fresh.attachments.some((a) => nameOf(a) === n)),
      newStaticIp: current.newStaticIp,
      keepIp: current.keepIp,
    };
    setBase(fresh);
    form.reset(valuesFromDetail(fresh));
    form.reset(reapplied, { keepDefaultValues: true });
    await startReview(fresh);
  }

  function discard() {
    setBase(detail);
    form.reset(valuesFromDetail(detail));
    setError(null);
    setUnmapped([]);
  }

  return {
    form,
    values,
    base,
    plan,
    dirty,
    serverChanged,
    error,
    unmapped,
    review,
    busy,
    startReview: () => void startReview(),
    apply: () => void apply(),
    closeReview: () => setReview(null),
    reloadAndReapply: () => void reloadAndReapply(),
    discard,
  };
}
