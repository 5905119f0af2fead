import type { VmRow } from '@dvp/api';
import { useState } from 'react';
import { errorText } from '../../../api/error-text.ts';
import { useCan } from '../../../api/session.tsx';
import { runVmAction } from '../../../components/vm/run-action.ts';
import { planBulk, type BulkAction, type BulkPlan } from '../../../components/vm/vm-actions.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { bulkSummary } from './bulk-summary.ts';

const ACTIONS: BulkAction[] = ['start', 'stop', 'restart', 'delete'];
/** Requests in flight at once: quick for 500 VMs without flooding the BFF. */
const CONCURRENCY = 6;

interface Result {
  name: string;
  error?: string;
}

/** The toolbar over the selected rows, and the confirm → run → per-VM results dialog. */
export function BulkActions({
  project,
  selected,
  onClear,
}: {
  project: string;
  selected: VmRow[];
  onClear: () => void;
}) {
  const t = useT();
  const canOp = useCan('create', 'virtualmachineoperations', project);
  const canDelete = useCan('delete', 'virtualmachines', project);
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const [running, setRunning] = useState(false);

  const run = async (p: BulkPlan) => {
    setRunning(true);
    const out: Result[] = [];
    setResults([]);
    const queue = [...p.act];
    const worker = async () => {
      for (let vm = queue.shift(); vm; vm = queue.shift()) {
        try {
          await runVmAction(vm, p.action);
          out.push({ name: vm.name });
        } catch (err) {
          out.push({ name: vm.name, error: errorText(t, err) });
        }
        setResults([...out]);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    setRunning(false);
  };

  const close = () => {
    if (running) return;
    if (results) onClear();
    setPlan(null);
    setResults(null);
  };

  if (selected.length === 0) return null;
  return (
    <div role="toolbar" aria-label={t('vm-list.bulk.toolbar')} className="vm-bulk">
      <span>{t('vm-list.bulk.selected', { count: selected.length })}</span>
      {ACTIONS.map((a) => {
        const rbac = a === 'delete' ? canDelete : canOp;
        return (
          <Button
            key={a}
            size="sm"
            variant={a === 'delete' ? 'danger' : 'secondary'}
            disabledReason={rbac.allowed ? undefined : t(rbac.reason ?? 'common.forbidden')}
            onClick={() => setPlan(planBulk(a, selected))}
          >
            {t(`vm-list.action.${a}`)}
          </Button>
        );
      })}
      <Button size="sm" variant="ghost" onClick={onClear}>
        {t('vm-list.bulk.clear')}
      </Button>
      {plan ? (
        <Dialog
          open
          onClose={close}
          title={t(`vm-list.bulk.title.${plan.action}`)}
          closeLabel={t('common.close')}
          footer={
            results ? (
              <Button onClick={close} disabled={running}>
                {t('common.close')}
              </Button>
            ) : (
              <>
                <Button onClick={close}>{t('common.cancel')}</Button>
                <Button
                  variant={plan.action === 'delete' ? 'danger' : 'primary'}
                  disabledReason={plan.act.length === 0 ? t('vm-list.bulk.nothing') : undefined}
                  onClick={() => void run(plan)}
                >
                  {t(`vm-list.action.${plan.action}`)}
                </Button>
              </>
            )
          }
        >
          {bulkSummary(t, plan).map((line) => (
            <p key={line}>{line}</p>
          ))}
          {results ? (
            <section aria-label={t('vm-list.bulk.results')}>
              <p role="status">
                {t('vm-list.bulk.progress', { done: results.length, total: plan.act.length })}
              </p>
              <ul className="vm-bulk-results">
                {results.map((r) => (
                  <li key={r.name} className={r.error ? 'vm-bulk-failed' : 'vm-bulk-ok'}>
                    {r.error
                      ? t('vm-list.bulk.failed', { name: r.name, reason: r.error })
                      : t('vm-list.bulk.ok', { name: r.name })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
