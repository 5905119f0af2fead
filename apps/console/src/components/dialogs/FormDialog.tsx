import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog, type DialogProps } from '../../ui/Dialog.tsx';

/**
 * A dialog holding one form (named by the dialog's title) with Cancel and a submit button in the
 * footer; the submit button stays visible and says why when it cannot be used (`disabledReason`).
 */
export function FormDialog({
  formId,
  title,
  size = 'md',
  submitLabel,
  busy,
  disabledReason,
  onSubmit,
  onClose,
  children,
  afterForm,
}: {
  formId: string;
  title: string;
  size?: NonNullable<DialogProps['size']>;
  submitLabel: string;
  busy: boolean;
  disabledReason?: string | undefined;
  onSubmit: (e: FormEvent<HTMLFormElement>) => unknown;
  onClose: () => void;
  children: ReactNode;
  /** Rendered in the dialog after the form (e.g. a LeaveGuard, which is not part of the form). */
  afterForm?: ReactNode;
}) {
  const t = useT();
  return (
    <Dialog
      open
      size={size}
      title={title}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form={formId}
            loading={busy}
            disabledReason={disabledReason}
          >
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate aria-label={title} onSubmit={(e) => void onSubmit(e)}>
        {children}
      </form>
      {afterForm}
    </Dialog>
  );
}
