import type { Json } from '../vms/config/merge-patch.ts';
import { formatValue, patchDiff } from '../vms/config/merge-patch.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

/** The save confirmation: every changed field of `spec` with its old and new value. */
export function SaveSettingsDialog({
  open,
  before,
  patch,
  warnings,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  before: unknown;
  patch: Json | undefined;
  warnings: string[];
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const diff = patchDiff(before, patch, 'spec');
  return (
    <Dialog
      open={open}
      title={t('settings.review.title')}
      closeLabel={t('common.close')}
      size="lg"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" loading={busy} onClick={onConfirm}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <p>{t('settings.review.intro')}</p>
      <table className="table settings-diff">
        <caption>{t('settings.review.fields')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.review.field')}</th>
            <th scope="col">{t('settings.review.old')}</th>
            <th scope="col">{t('settings.review.new')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.path}>
              <th scope="row">
                <code>{d.path}</code>
              </th>
              <td>{formatValue(d.before)}</td>
              <td>{formatValue(d.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {warnings.map((w) => (
        <p key={w} className="banner banner-warning">
          {w}
        </p>
      ))}
    </Dialog>
  );
}
