import type { KubeObject } from '@dvp/api';
import { useT } from '../../../i18n/i18n.tsx';
import { Menu, type MenuItem } from '../../../ui/Menu.tsx';
import { useDiskRowActions } from './row-actions.ts';

/** A disk row's actions: Resize, Create snapshot, Delete (disabled with the reason). */
export function DiskRowMenu({ disk }: { disk: KubeObject }) {
  const t = useT();
  const name = disk.metadata.name ?? '';
  const { open, reasons: reasonsOf } = useDiskRowActions();
  const reasons = reasonsOf(disk);
  const items: MenuItem[] = [
    {
      id: 'resize',
      label: t('disks.action.resize'),
      disabledReason: reasons.resize,
      onSelect: () => open('resize', name),
    },
    {
      id: 'snapshot',
      label: t('disks.action.snapshot'),
      disabledReason: reasons.snapshot,
      onSelect: () => open('snapshot', name),
    },
    {
      id: 'delete',
      label: t('common.delete'),
      danger: true,
      disabledReason: reasons.delete,
      onSelect: () => open('delete', name),
    },
  ];
  return <Menu label={t('disks.menu', { name })} items={items} trigger="⋯" />;
}
