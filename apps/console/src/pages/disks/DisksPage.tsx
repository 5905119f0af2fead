import type { KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { useDocumentTitle } from '../../app/title.ts';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { DiskDialogs } from './dialogs/DiskDialogs.tsx';
import { diskActionReasons, useDiskCapabilities } from './dialogs/reasons.ts';
import { useDiskDialogParam } from './dialogs/use-dialog-param.ts';
import { DiskRowActionsContext } from './list/row-actions.ts';
import { diskColumns } from './list/disk-columns.tsx';
import './disks.css';

/** "VM Disks": the project's disks, live, with Create Disk and per-disk actions. */
export function DisksPage() {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const title = t('disks.title');
  useDocumentTitle(title, project);
  const open = useDiskDialogParam()[1];
  const can = useCan('create', 'virtualdisks', project);
  const columns = useMemo(() => diskColumns(t, locale, project), [t, locale, project]);
  const { patch, snapshot, delete: del } = useDiskCapabilities(project);
  // One value for every row's menu; it changes only with the user's rights or the language.
  const rowActions = useMemo(() => {
    const caps = { patch, snapshot, delete: del };
    return { open, reasons: (d: KubeObject) => diskActionReasons(t, caps, d) };
    // Rights compared by value: `useCan` answers a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    open,
    t,
    patch.allowed,
    patch.reason,
    snapshot.allowed,
    snapshot.reason,
    del.allowed,
    del.reason,
  ]);
  return (
    <DiskRowActionsContext value={rowActions}>
      <ResourceList
        resource="virtualdisks"
        namespace={project}
        title={title}
        tableLabel={t('disks.tableLabel', { project })}
        columns={columns}
        emptyText={t('disks.empty')}
        actions={
          <Button
            variant="primary"
            disabledReason={can.allowed || can.pending ? undefined : t('common.forbidden')}
            onClick={() => open('create', '1')}
          >
            {t('disks.create.open')}
          </Button>
        }
        intro={<p className="disks-intro">{t('disks.wffc.intro')}</p>}
      >
        <DiskDialogs namespace={project} />
      </ResourceList>
    </DiskRowActionsContext>
  );
}
