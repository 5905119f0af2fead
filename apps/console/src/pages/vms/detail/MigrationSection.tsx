import type { VmDetail, VirtualMachineOperation } from '@dvp/api';
import { useState } from 'react';
import { api, call } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { useCan } from '../../../api/session.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Facts, Section } from './parts.tsx';

const ACTIVE = new Set(['Pending', 'InProgress']);

/** The newest Migrate/Evict operation still running (operations come newest first). */
export function activeMigration(
  operations: readonly VirtualMachineOperation[],
): VirtualMachineOperation | undefined {
  return operations.find(
    (op) =>
      (op.spec.type === 'Migrate' || op.spec.type === 'Evict') &&
      ACTIVE.has(op.status?.phase ?? 'Pending') &&
      !op.metadata.deletionTimestamp,
  );
}

/** "33%" → 33 (undefined when absent or not a percentage). */
export function progressPercent(progress: string | undefined): number | undefined {
  const m = /^(\d{1,3})%$/.exec(progress ?? '');
  return m ? Math.min(100, Number(m[1])) : undefined;
}

/** Migration state (`status.migrationState`) and the running migration with its Cancel. */
export function MigrationSection({ detail }: { detail: VmDetail }) {
  const { t, locale } = useI18n();
  const ns = detail.vm.metadata.namespace ?? '';
  const canDelete = useCan('delete', 'virtualmachineoperations', ns);
  const [busy, setBusy] = useState(false);
  const state = detail.vm.status?.migrationState;
  const op = activeMigration(detail.operations);
  const pct = progressPercent(op?.status?.progress);
  const opsHidden = detail.forbidden.includes('virtualmachineoperations');

  const cancel = async (name: string) => {
    setBusy(true);
    try {
      await call(api.resourceDelete, {
        params: { namespace: ns, resource: 'virtualmachineoperations', name },
      });
      toast('success', t('vm-detail.ov.cancelled', { name }));
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const result = state?.result
    ? t(`vm-detail.ov.result${state.result}` as MessageKey)
    : t('vm-detail.ov.resultRunning');
  return (
    <Section id="vm-ov-migration" title={t('vm-detail.ov.migration')}>
      {op ? (
        <div className="vm-migration-op">
          <p>
            {t('vm-detail.ov.operation', {
              name: op.metadata.name,
              type: op.spec.type,
              phase: op.status?.phase ?? 'Pending',
            })}
          </p>
          {pct !== undefined ? (
            <div className="vm-progress">
              <progress max={100} value={pct} aria-label={t('vm-detail.ov.progress')} />
              <span>{op.status?.progress}</span>
            </div>
          ) : null}
          <Button
            variant="danger"
            size="sm"
            loading={busy}
            disabledReason={canDelete.allowed ? undefined : canDelete.reason && t(canDelete.reason)}
            onClick={() => void cancel(op.metadata.name ?? '')}
          >
            {t('vm-detail.ov.cancelMigration')}
          </Button>
        </div>
      ) : null}
      {state ? (
        <Facts
          items={[
            [t('vm-detail.ov.source'), state.source?.node ?? '—'],
            [t('vm-detail.ov.target'), state.target?.node ?? '—'],
            [t('vm-detail.ov.start'), formatDateTime(locale, state.startTimestamp)],
            [t('vm-detail.ov.end'), formatDateTime(locale, state.endTimestamp)],
            [t('vm-detail.ov.result'), result],
          ]}
        />
      ) : !op ? (
        <p className="vm-muted">
          {opsHidden ? t('vm-detail.notAvailable') : t('vm-detail.ov.noMigration')}
        </p>
      ) : null}
    </Section>
  );
}
