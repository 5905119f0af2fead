import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import {
  diskSnapshotColumns,
  restoreDiskHref,
  SnapshotRowActionsContext,
  vmSnapshotColumns,
} from './common/columns.tsx';
import { DeleteSnapshotDialog } from './common/DeleteSnapshotDialog.tsx';
import { useSnapshotDialog } from './common/use-snapshot-dialog.ts';
import { CreateDiskSnapshotDialog } from './disk/CreateDiskSnapshotDialog.tsx';
import { useProjectObject } from '../disks/data.ts';
import { CreateVmSnapshotDialog } from './vm/CreateVmSnapshotDialog.tsx';
import { RestoreVmDialog } from './vm/RestoreVmDialog.tsx';
import './snapshots.css';

export type SnapshotsKind = 'disks' | 'vms';

/** "Snapshots": two tabs, "Disk snapshots" and "VM snapshots", each a live list with actions. */
export function SnapshotsPage({ kind }: { kind: SnapshotsKind }) {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const title = kind === 'disks' ? t('snapshots.tab.disks') : t('snapshots.tab.vms');
  useDocumentTitle(title, t('snapshots.title'), project);
  const resource = kind === 'disks' ? 'virtualdisksnapshots' : 'virtualmachinesnapshots';
  const can = useCan('create', resource, project);
  const [dialog, open, close] = useSnapshotDialog();
  const columns = useMemo(
    () =>
      kind === 'disks'
        ? diskSnapshotColumns(t, locale, project)
        : vmSnapshotColumns(t, locale, project),
    [kind, t, locale, project],
  );
  const navigate = useNavigate();
  const canRestore = useCan(
    'create',
    kind === 'disks' ? 'virtualdisks' : 'virtualmachinesnapshotoperations',
    project,
  );
  const canDelete = useCan('delete', resource, project);
  const restoreForbidden = canRestore.allowed ? undefined : t('common.forbidden');
  const deleteForbidden = canDelete.allowed ? undefined : t('common.forbidden');
  // One value for every row's menu.
  const rowActions = useMemo(
    () => ({
      open,
      restoreDisk: (name: string) => void navigate(restoreDiskHref(project, name)),
      restoreForbidden,
      deleteForbidden,
    }),
    [open, navigate, project, restoreForbidden, deleteForbidden],
  );
  const tabs = [
    { id: 'disks', label: t('snapshots.tab.disks'), to: paths.diskSnapshots(project) },
    { id: 'vms', label: t('snapshots.tab.vms'), to: paths.vmSnapshots(project) },
  ];
  return (
    <div className="snap-page">
      <RouteTabs label={t('snapshots.title')} tabs={tabs} current={kind} />
      <TabPanel label={title}>
        <SnapshotRowActionsContext value={rowActions}>
          <ResourceList
            resource={resource}
            namespace={project}
            title={title}
            tableLabel={t('snapshots.tableLabel', { kind: title, project })}
            columns={columns}
            emptyText={kind === 'disks' ? t('snapshots.disk.empty') : t('snapshots.vm.empty')}
            intro={
              <p className="snap-intro">
                {kind === 'disks' ? t('snapshots.disk.intro') : t('snapshots.vm.intro')}
              </p>
            }
            actions={
              <Button
                variant="primary"
                disabledReason={can.allowed || can.pending ? undefined : t('common.forbidden')}
                onClick={() => open('create', '1')}
              >
                {kind === 'disks' ? t('snapshots.disk.createOpen') : t('snapshots.vm.createOpen')}
              </Button>
            }
          >
            {dialog?.kind === 'create' ? (
              kind === 'disks' ? (
                <CreateDiskSnapshotDialog namespace={project} onClose={close} />
              ) : (
                <CreateVmSnapshotDialog namespace={project} onClose={close} />
              )
            ) : null}
            {dialog?.kind === 'delete' ? (
              <DeleteSnapshotDialog
                namespace={project}
                resource={resource}
                name={dialog.value}
                onClose={close}
                onDeleted={close}
              />
            ) : null}
            {dialog?.kind === 'restore' && kind === 'vms' ? (
              <RestoreFromList namespace={project} name={dialog.value} onClose={close} />
            ) : null}
          </ResourceList>
        </SnapshotRowActionsContext>
      </TabPanel>
    </div>
  );
}

/** Loads the snapshot named in the URL, then opens the restore dialog. */
export function RestoreFromList({
  namespace,
  name,
  onClose,
}: {
  namespace: string;
  name: string;
  onClose: () => void;
}) {
  const snap = useProjectObject(namespace, 'virtualmachinesnapshots', name);
  return snap.data ? <RestoreVmDialog snapshot={snap.data} onClose={onClose} /> : null;
}
