import type { KubeObject } from '@dvp/api';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { api, call } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { applyMergePatch, jsonEqual } from '../vms/config/merge-patch.ts';
import { MODULE } from './data.ts';
import {
  causeField,
  specPatch,
  validate,
  valuesOf,
  type FieldName,
  type Issue,
  type SettingsValues,
} from './model.ts';

export interface ServerErrors {
  /** Messages per field, for the values they were given for. */
  fields: Partial<Record<FieldName, string>>;
  at: SettingsValues;
}

const valueAt = (v: SettingsValues, f: FieldName): unknown => {
  const m = /^cidrs\.(\d+)\.value$/.exec(f);
  if (m) return v.cidrs[Number(m[1])]?.value;
  return v[f as keyof SettingsValues];
};

/**
 * The Configuration tab's state: the form over the ModuleConfig it was loaded from (`base`),
 * kept in step with the live object while there are no edits; checks; the save (a merge patch
 * of `spec` with the base's resourceVersion); server field errors; reload-and-reapply.
 */
export function useSettingsForm(live: KubeObject) {
  const [base, setBase] = useState(live);
  const form = useForm<SettingsValues>({ defaultValues: valuesOf(live.spec) });
  const { reset, formState } = form;
  const values = useWatch({ control: form.control }) as SettingsValues;
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<ServerErrors | undefined>();
  const [saveError, setSaveError] = useState<ApiError | undefined>();
  const [unmapped, setUnmapped] = useState<{ field?: string; message?: string }[]>([]);
  const dirty = formState.isDirty;

  // Follow the live object: replace the form while untouched; with edits, only move the
  // baseline when the spec is the same (a status write), so saving is not a needless 409.
  useEffect(() => {
    if (live.metadata.resourceVersion === base.metadata.resourceVersion) return;
    if (dirty) {
      if (!jsonEqual(live.spec, base.spec)) return;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- only the baseline moves
      setBase(live);
      return;
    }
    setBase(live);
    reset(valuesOf(live.spec));
  }, [live, base, dirty, reset]);

  const cidrsWereSet = Array.isArray(
    (base.spec as { settings?: { virtualMachineCIDRs?: unknown } } | undefined)?.settings
      ?.virtualMachineCIDRs,
  );
  const issues = useMemo(() => validate(values, cidrsWereSet), [values, cidrsWereSet]);
  const patch = useMemo(() => specPatch(base.spec, values), [base, values]);

  /** The message to show on `field`: the server's (while unchanged), else our check's. */
  const errorOf = (field: FieldName, shown: boolean): Issue | string | undefined => {
    const s = server?.fields[field];
    if (server && s !== undefined && jsonEqual(valueAt(values, field), valueAt(server.at, field)))
      return s;
    if (!shown && !attempted) return undefined;
    return issues.find((i) => i.field === field);
  };

  const save = async (): Promise<KubeObject | undefined> => {
    if (!patch) return undefined;
    setSaveError(undefined);
    setUnmapped([]);
    try {
      const saved = await call(api.clusterResourcePatch, {
        params: { resource: 'moduleconfigs', name: MODULE },
        body: {
          metadata: { resourceVersion: base.metadata.resourceVersion ?? '' },
          spec: patch,
        },
      });
      setBase(saved);
      reset(valuesOf(saved.spec));
      setServer(undefined);
      setAttempted(false);
      return saved;
    } catch (e) {
      const err = toApiError(e);
      const fields: ServerErrors['fields'] = {};
      const rest: { field?: string; message?: string }[] = [];
      for (const c of err.causes) {
        const f = causeField(c.field, values.cidrs.length);
        const message = c.message ?? c.reason ?? '';
        if (f) fields[f] = fields[f] ? `${fields[f]} ${message}` : message;
        else rest.push(c.field ? { field: c.field, message } : { message });
      }
      // An Invalid answer without causes still belongs to the form: the banner shows it.
      setServer(Object.keys(fields).length ? { fields, at: values } : undefined);
      setUnmapped(rest);
      setSaveError(err);
      return undefined;
    }
  };

  /** After a Conflict: the fresh object as the base, with the user's change applied again. */
  const reloadAndReapply = async () => {
    const fresh = await call(api.clusterResourceView, {
      params: { resource: 'moduleconfigs', name: MODULE },
    });
    const rebased = valuesOf(applyMergePatch(fresh.spec, patch));
    setBase(fresh);
    reset(valuesOf(fresh.spec));
    reset(rebased, { keepDefaultValues: true });
    setSaveError(undefined);
    setServer(undefined);
  };

  return {
    form,
    base,
    values,
    issues,
    patch,
    dirty,
    attempt: () => setAttempted(true),
    errorOf,
    save,
    saveError,
    unmapped,
    reloadAndReapply,
    discard: () => {
      reset(valuesOf(base.spec));
      setServer(undefined);
      setSaveError(undefined);
      setAttempted(false);
    },
  };
}

export type SettingsForm = ReturnType<typeof useSettingsForm>;
