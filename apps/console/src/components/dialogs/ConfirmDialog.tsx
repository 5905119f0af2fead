import { useState, type ReactNode } from 'react';
import { errorText } from '../../api/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

/**
 * A confirmation before an irreversible change (delete, drop an owner): names the object, runs
 * `onConfirm`, and reports the outcome as one toast (style.md §7: dialogs toast, once).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = true,
  blockedReason,
  done,
  onConfirm,
  onClose,
  onDone,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Why confirming is not possible now (the button stays, disabled with this reason). */
  blockedReason?: string | undefined;
  /** The success toast. */
  done: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /** After success, instead of `onClose` (e.g. leave the deleted object's page). */
  onDone?: (() => void) | undefined;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      toast('success', done);
      (onDone ?? onClose)();
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant={danger ? 'danger' : 'primary'}
            loading={busy}
            disabledReason={blockedReason}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
