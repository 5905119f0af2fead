import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { formatValue } from './merge-patch.ts';
import type { Op, Plan } from './plan.ts';

function opText(t: ReturnType<typeof useT>, op: Op): string {
  const key = `vm-config.op.${op.kind}` as MessageKey;
  switch (op.kind) {
    case 'createIp':
      return t(key, { name: op.name, ip: op.ip });
    case 'resize':
      return t(key, { name: op.disk, from: op.from || '—', to: op.to });
    case 'attach':
    case 'deleteDisk':
      return t(key, { name: op.disk });
    case 'detach':
      return t(key, { name: op.disk });
    case 'keepIp':
      return t(op.keep ? key : 'vm-config.op.unkeepIp', { name: op.vmip });
  }
}

/** The save confirmation: every changed field (path, old → new) and every separate call. */
export function SaveDialog({
  plan,
  busy,
  onConfirm,
  onClose,
}: {
  plan: Plan | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog
      open={plan !== null}
      title={t('vm-config.reviewTitle')}
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
      {plan && plan.diff.length > 0 ? (
        <table className="table">
          <caption>{t('vm-config.reviewFields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vm-config.field')}</th>
              <th scope="col">{t('vm-config.oldValue')}</th>
              <th scope="col">{t('vm-config.newValue')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.diff.map((d) => (
              <tr key={d.path}>
                <td>
                  <code>{d.path}</code>
                </td>
                <td>{formatValue(d.before)}</td>
                <td>{formatValue(d.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan && plan.ops.length > 0 ? (
        <>
          <h3>{t('vm-config.reviewCalls')}</h3>
          <ul>
            {plan.ops.map((op, i) => (
              <li key={i}>{opText(t, op)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted">{t('vm-config.reviewHint')}</p>
    </Dialog>
  );
}
