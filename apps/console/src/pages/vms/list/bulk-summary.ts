import type { Translate } from '../../../i18n/i18n.tsx';
import { nameList, type BulkPlan } from '../../../components/vm/vm-actions.ts';

/**
 * The confirmation text of a bulk action: what happens to which VMs, and which selected VMs are
 * skipped because their state or their startup policy does not allow it ("Stop 3 VMs: a, b, c.
 * 2 selected VMs are already stopped and will be skipped: d, e.").
 */
export function bulkSummary(t: Translate, plan: BulkPlan): string[] {
  const lines: string[] = [];
  if (plan.act.length > 0)
    lines.push(
      t(`vm-list.bulk.act.${plan.action}`, {
        count: plan.act.length,
        names: nameList(plan.act),
      }),
    );
  else lines.push(t('vm-list.bulk.nothing'));
  if (plan.skip.length > 0)
    lines.push(
      t(`vm-list.bulk.skip.${plan.action}`, {
        count: plan.skip.length,
        names: nameList(plan.skip),
      }),
    );
  if (plan.held.length > 0)
    lines.push(t('vm-list.bulk.held', { count: plan.held.length, names: nameList(plan.held) }));
  return lines;
}
