import type { VmDetail } from '@dvp/api';
import { useState } from 'react';
import { toApiError } from '../../../api/errors.ts';
import { FormError } from '../../../components/form/FormError.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import {
  editFrom,
  isDirty,
  metaPatch,
  reapply,
  sameMeta,
  valueError,
  type MapKind,
  type StringMap,
} from './meta-edit.ts';
import type { RefetchDetail } from './types.ts';
import { patchVm } from '../vm-patch.ts';

/** The Meta tab: labels and annotations, saved as one merge patch of what changed. */
export function MetaTab({ detail, refetch }: { detail: VmDetail; refetch: RefetchDetail }) {
  const t = useT();
  const vm = detail.vm;
  const [edit, setEdit] = useState(() => editFrom(vm));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const dirty = isDirty(edit);
  // Untouched: follow the live object. Edited: keep the version the user edited (a 409 tells).
  const liveRv = vm.metadata.resourceVersion ?? '';
  const [seenRv, setSeenRv] = useState(liveRv);
  if (seenRv !== liveRv) {
    setSeenRv(liveRv);
    if (!dirty) setEdit(editFrom(vm));
  }

  const change = (kind: MapKind) => (next: StringMap) => {
    setEdit((e) => ({ ...e, draft: { ...e.draft, [kind]: next } }));
    setNotice('');
  };
  const invalid = Object.values(edit.draft.labels).some((v) => valueError('labels', v));

  const save = async () => {
    setSaving(true);
    setError(null);
    setNotice('');
    try {
      // Sent on the VM as the user loaded it; the controller's status writes are no conflict.
      const updated = await patchVm({
        base: { ...vm, metadata: { ...vm.metadata, resourceVersion: edit.resourceVersion } },
        patch: metaPatch(edit),
        same: (fresh) => sameMeta(editFrom(fresh), edit),
      });
      setEdit(editFrom(updated));
      toast('success', t('vm-detail.meta.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const reloadAndReapply = async () => {
    const fresh = (await refetch()).data;
    if (!fresh) return;
    setEdit((e) => reapply(e, fresh.vm));
    setError(null);
    setNotice(t('vm-detail.meta.reapplied'));
  };

  return (
    <form
      className="vm-meta"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty && !invalid) void save();
      }}
    >
      <KeyValueEditor kind="labels" value={edit.draft.labels} onChange={change('labels')} />
      <KeyValueEditor
        kind="annotations"
        value={edit.draft.annotations}
        onChange={change('annotations')}
      />
      <FormError
        error={error}
        unmapped={error ? toApiError(error).causes : []}
        onReloadAndReapply={() => void reloadAndReapply()}
      />
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      {dirty ? (
        <div className="vm-form-footer">
          <Button
            type="submit"
            variant="primary"
            loading={saving}
            disabledReason={invalid ? t('vm-detail.meta.fixErrors') : undefined}
          >
            {t('vm-detail.meta.save')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setEdit(editFrom(vm));
              setError(null);
              setNotice('');
            }}
          >
            {t('vm-detail.meta.discard')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
