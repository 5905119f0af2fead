import type { KubeObject } from '@dvp/api';
import { useCan } from '../../api/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Menu } from '../../ui/Menu.tsx';
import { useDialogParam } from './dialog-param.ts';

/** A row's menu with Delete (opens `?delete=<name>`), disabled with the reason when forbidden. */
export function DeleteMenu({
  row,
  resource,
}: {
  row: KubeObject;
  resource: 'services' | 'ingresses';
}) {
  const t = useT();
  const name = row.metadata.name ?? '';
  const can = useCan('delete', resource, row.metadata.namespace);
  const [, openDelete] = useDialogParam('delete');
  return (
    <Menu
      label={t('common.moreActions', { name })}
      trigger="⋯"
      items={[
        {
          id: 'delete',
          label: t('common.delete'),
          danger: true,
          onSelect: () => openDelete(name),
          disabledReason: can.allowed ? undefined : t(can.reason ?? 'common.forbidden'),
        },
      ]}
    />
  );
}
