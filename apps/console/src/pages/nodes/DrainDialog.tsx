import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { paths } from '../../app/paths.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { evacuate, setCordon, type OpRef } from './actions.ts';
import { NO_FIT_REASONS, type DrainPlan, type PlanEntry } from './plan.ts';

function verdict(t: Translate, e: PlanEntry) {
  if (e.evict) return <Badge tone="success">{t('nodes.plan.migrates')}</Badge>;
  return <Badge tone="warning">{t('nodes.plan.stays')}</Badge>;
}

function why(t: Translate, e: PlanEntry): string {
  const b = e.blocker;
  if (!b) return '';
  switch (b.code) {
    case 'notMigratable':
      return b.detail
        ? t('nodes.plan.notMigratableBecause', { reason: b.detail })
        : t('nodes.plan.notMigratable');
    case 'phase':
      return t('nodes.plan.phase', { phase: b.phase });
    default:
      return t(`nodes.plan.${b.code}` as MessageKey);
  }
}

function target(t: Translate, e: PlanEntry): string {
  if (!e.evict) return '—';
  if (e.target) return e.target;
  const parts = NO_FIT_REASONS.filter((r) => e.noFit?.[r]).map((r) =>
    t(`nodes.noFit.${r}` as MessageKey, { count: e.noFit?.[r] ?? 0 }),
  );
  return t('nodes.plan.noTarget', { reasons: parts.join(', ') || t('nodes.noFit.noNodes') });
}

/**
 * "Cordon + Drain" with its plan first: every VM on the node, whether it will live-migrate (and
 * why not), and where it would probably go. Confirming cordons the node, then creates one Evict
 * operation per migratable VM; `onStarted` gets the operations for the live queue.
 */
export function DrainDialog({
  open,
  plan,
  cordoned,
  onClose,
  onStarted,
}: {
  open: boolean;
  plan: DrainPlan;
  cordoned: boolean;
  onClose: () => void;
  onStarted: (ops: OpRef[]) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      if (!cordoned) await setCordon(plan.node, true);
    } catch (err) {
      toast('error', t('nodes.cordonFailed', { message: errorText(t, err) }));
      setBusy(false);
      return;
    }
    const res = await evacuate(plan.entries);
    setBusy(false);
    if (res.failed.length > 0) {
      toast(
        'error',
        t('nodes.evictFailed', {
          count: res.failed.length,
          details: res.failed.map((f) => `${f.vm}: ${errorText(t, f.error)}`).join('; '),
        }),
      );
    } else {
      toast('success', t('nodes.drainStarted', { node: plan.node, count: res.ops.length }));
    }
    onStarted(res.ops);
  };
  return (
    <Dialog
      open={open}
      title={t('nodes.drain.title', { node: plan.node })}
      closeLabel={t('common.close')}
      size="xl"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" loading={busy} onClick={() => void confirm()}>
            {t('nodes.cordonDrain')}
          </Button>
        </>
      }
    >
      <p>{t('nodes.drain.intro')}</p>
      <p className="nodes-plan-summary">
        {t('nodes.drain.summary', {
          total: plan.entries.length,
          evictions: plan.evictions,
          staying: plan.staying,
        })}
      </p>
      {plan.entries.length === 0 ? (
        <p>{t('nodes.drain.noVms')}</p>
      ) : (
        <div className="nodes-table-wrap">
          <table className="table nodes-plan">
            <caption>{t('nodes.plan.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nodes.plan.vm')}</th>
                <th scope="col">{t('common.phase')}</th>
                <th scope="col">{t('nodes.plan.verdict')}</th>
                <th scope="col">{t('nodes.plan.target')}</th>
                <th scope="col">{t('nodes.plan.details')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.entries.map((e) => (
                <tr key={e.vm.uid}>
                  <th scope="row">
                    <Link to={paths.vm(e.vm.namespace, e.vm.name)}>{e.vm.name}</Link>
                    <div className="nodes-sub">{e.vm.namespace}</div>
                  </th>
                  <td>
                    <PhaseBadge phase={e.vm.phase} />
                  </td>
                  <td>{verdict(t, e)}</td>
                  <td>{target(t, e)}</td>
                  <td className="nodes-wrap">
                    {[why(t, e), ...e.notes.map((n) => t(`nodes.note.${n}` as MessageKey))]
                      .filter(Boolean)
                      .map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    <div className="nodes-sub">
                      {t('nodes.plan.policies', {
                        run: e.vm.runPolicy ?? '—',
                        migration: e.vm.liveMigrationPolicy ?? '—',
                      })}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="field-hint">{t('nodes.drain.prediction')}</p>
    </Dialog>
  );
}
