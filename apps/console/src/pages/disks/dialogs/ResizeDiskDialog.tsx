import type { KubeObject } from '@dvp/api';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../../api/client.ts';
import { splitCauses } from '../../../api/error-text.ts';
import { toApiError, type ApiError } from '../../../api/errors.ts';
import { FormError } from '../../../components/form/FormError.tsx';
import { formatQuantity } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { useInitialFocus } from './use-initial-focus.ts';
import { attachedVmsOf, currentSizeOf, growProblem, resizePatch } from '../model.ts';

/**
 * Resize: grow only (`spec.persistentVolumeClaim.size`). A disk attached to a running VM grows
 * online; the guest sees the larger disk, and its partitions are grown inside the guest.
 */
export function ResizeDiskDialog({ disk, onClose }: { disk: KubeObject; onClose: () => void }) {
  const { t, locale } = useI18n();
  const name = disk.metadata.name ?? '';
  const namespace = disk.metadata.namespace ?? '';
  const current = currentSizeOf(disk);
  const [size, setSize] = useState(current ?? '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focusSize = useInitialFocus<HTMLInputElement>();
  const problem = growProblem(current, size);
  const vms = attachedVmsOf(disk);
  const currentText = current ? `${current} (${formatQuantity(locale, current)})` : '—';

  const send = async (base: KubeObject) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.resourcePatch, {
        params: { namespace, resource: 'virtualdisks', name },
        body: resizePatch(base, size),
      });
      toast('success', t('disks.resize.done', { name, size: size.trim() }));
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  /** Conflict: read the disk as it is now and send the same new size again. */
  const reloadAndReapply = async () => {
    try {
      const fresh = await call(api.resourceView, {
        params: { namespace, resource: 'virtualdisks', name },
      });
      if (growProblem(currentSizeOf(fresh), size)) {
        setError(null);
        setTouched(true);
        return;
      }
      await send(fresh);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!problem) void send(disk);
  };

  const split = error ? splitCauses(error, { 'spec.persistentVolumeClaim.size': 'size' }) : null;
  const fieldError =
    touched && problem
      ? problem === 'format'
        ? t('disks.create.err.sizeFormat')
        : t('disks.resize.notLarger', { current: current ?? '—' })
      : split?.fields[0]?.message;
  const formId = 'resize-disk-form';
  return (
    <Dialog
      open
      title={t('disks.resize.title', { name })}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={busy}>
            {t('disks.resize.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} aria-label={t('disks.resize.title', { name })}>
        <p>{t('disks.resize.current', { size: currentText })}</p>
        <p className="field-hint">
          {vms.length
            ? t('disks.resize.online', { count: vms.length, vms: vms.join(', ') })
            : t('disks.resize.growOnly')}
        </p>
        <TextInput
          label={t('disks.resize.newSize')}
          value={size}
          autoComplete="off"
          spellCheck={false}
          ref={focusSize}
          hint={t('disks.resize.hint')}
          error={fieldError}
          onChange={(e) => {
            setSize(e.target.value);
            setTouched(true);
            setError(null);
          }}
        />
        <FormError
          error={split && split.fields.length && !split.rest.length ? null : error}
          unmapped={split?.rest ?? []}
          onReloadAndReapply={() => void reloadAndReapply()}
        />
      </form>
    </Dialog>
  );
}
