import type { VmDetail } from '@dvp/api';
import { useState } from 'react';
import { api, call } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { useCan } from '../../../api/session.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { formatValue } from './merge-patch.ts';
import { nameOf } from './values.ts';

export const AWAITING_RESTART = 'AwaitingRestartToApplyConfiguration';

/**
 * Top of the tab (seed 000): the changed parameters waiting for a restart
 * (`status.restartAwaitingChanges`) and the restart warning, with "Restart".
 */
export function PendingChanges({ detail }: { detail: VmDetail }) {
  const t = useT();
  const namespace = detail.vm.metadata.namespace ?? '';
  const can = useCan('create', 'virtualmachineoperations', namespace);
  const [busy, setBusy] = useState(false);
  const awaiting = detail.conditions.some(
    (c) => c.type === AWAITING_RESTART && c.status === 'True',
  );
  if (!awaiting && detail.pendingChanges.length === 0) return null;
  const restart = async () => {
    setBusy(true);
    try {
      await call(api.vmAction, {
        params: { namespace, name: nameOf(detail.vm), action: 'restart' },
        body: {},
      });
      toast('info', t('vm-config.restartRequested'));
    } catch (e) {
      toast('error', errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-warning config-pending" role="status">
      <p>
        <strong>{t('vm-config.restartNeeded')}</strong>
      </p>
      {detail.pendingChanges.length > 0 ? (
        <ul aria-label={t('vm-config.pendingList')}>
          {detail.pendingChanges.map((c, i) => (
            <li key={i}>
              <code>{c.path ?? '—'}</code>: {formatValue(c.currentValue)} →{' '}
              {formatValue(c.desiredValue)}
            </li>
          ))}
        </ul>
      ) : null}
      <Button
        variant="primary"
        size="sm"
        loading={busy}
        disabledReason={can.allowed ? undefined : t(can.reason ?? 'common.forbidden')}
        onClick={() => void restart()}
      >
        {t('vm-config.restart')}
      </Button>
    </div>
  );
}
