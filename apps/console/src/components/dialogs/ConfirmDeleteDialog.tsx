import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/**
 * The confirmation before deleting one object: says what is deleted, optionally why it cannot be
 * deleted now (the button stays, disabled with `blockedReason`) or what to know first (`warning`).
 */
export function ConfirmDeleteDialog({
  title,
  text,
  confirmLabel,
  warning,
  blockedReason,
  done,
  onDelete,
  onClose,
  onDeleted,
}: {
  title: string;
  text: ReactNode;
  /** Defaults to "Delete". */
  confirmLabel?: string | undefined;
  /** Shown as a warning banner under the text. */
  warning?: string | undefined;
  blockedReason?: string | undefined;
  /** The success toast. */
  done: string;
  onDelete: () => Promise<unknown>;
  onClose: () => void;
  /** After success, instead of `onClose`. */
  onDeleted?: (() => void) | undefined;
}) {
  const t = useT();
  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel={confirmLabel ?? t('common.delete')}
      blockedReason={blockedReason}
      done={done}
      onConfirm={onDelete}
      onClose={onClose}
      onDone={onDeleted}
    >
      <p>{text}</p>
      {warning ? (
        <p className="banner banner-warning" role="status">
          {warning}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
