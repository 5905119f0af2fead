import type { KubeObject } from '@dvp/api';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn, phaseColumn, phaseOf } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { useT, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { Menu } from '../../../ui/Menu.tsx';
import { sourceParam } from '../../disks/create/model.ts';
import { useSnapshotDialog } from './use-snapshot-dialog.ts';

const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>;

/** `status.consistent` as Yes / No / — (unknown until the snapshot is taken). */
export function consistentText(t: Translate, o: KubeObject): string {
  const c = (o.status as { consistent?: boolean } | undefined)?.consistent;
  return c === true ? t('common.yes') : c === false ? t('common.no') : '—';
}

function consistentColumn(t: Translate): Column<KubeObject> {
  return {
    id: 'consistent',
    label: t('snapshots.col.consistent'),
    width: '120px',
    cell: (o) => consistentText(t, o),
  };
}

function menuColumn(t: Translate, cell: (o: KubeObject) => React.ReactNode): Column<KubeObject> {
  return {
    id: 'actions',
    label: t('list.actions'),
    hiddenLabel: true,
    width: '56px',
    cell: (o) => <div className="vt-overflow">{cell(o)}</div>,
  };
}

export function diskSnapshotColumns(
  t: Translate,
  locale: Locale,
  project: string,
): Column<KubeObject>[] {
  return [
    nameColumn(t, (o) => paths.diskSnapshot(project, o.metadata.name ?? '')),
    phaseColumn(t),
    {
      id: 'disk',
      label: t('snapshots.col.disk'),
      width: '20%',
      cell: (o) => {
        const d = spec(o).virtualDiskName as string | undefined;
        return d ? <Link to={paths.disk(project, d)}>{d}</Link> : '—';
      },
    },
    consistentColumn(t),
    {
      id: 'class',
      label: t('snapshots.col.class'),
      width: '18%',
      cell: (o) => (spec(o).volumeSnapshotClassName as string | undefined) ?? '—',
    },
    ageColumn(t, locale),
    menuColumn(t, (o) => <DiskSnapshotMenu snapshot={o} />),
  ];
}

export function vmSnapshotColumns(
  t: Translate,
  locale: Locale,
  project: string,
): Column<KubeObject>[] {
  return [
    nameColumn(t, (o) => paths.vmSnapshot(project, o.metadata.name ?? '')),
    phaseColumn(t),
    {
      id: 'vm',
      label: t('snapshots.col.vm'),
      width: '20%',
      cell: (o) => {
        const vm = spec(o).virtualMachineName as string | undefined;
        return vm ? <Link to={paths.vm(project, vm)}>{vm}</Link> : '—';
      },
    },
    consistentColumn(t),
    {
      id: 'keepIp',
      label: t('snapshots.col.keepIp'),
      width: '130px',
      cell: (o) => (spec(o).keepIPAddress === 'Never' ? t('common.no') : t('common.yes')),
    },
    ageColumn(t, locale),
    menuColumn(t, (o) => <VmSnapshotMenu snapshot={o} />),
  ];
}

/** The create-disk dialog with a snapshot as the source (restore to a new disk). */
export function restoreDiskHref(project: string, snapshot: string): string {
  const source = encodeURIComponent(sourceParam('VirtualDiskSnapshot', snapshot));
  return `${paths.disks(project)}?create=1&source=${source}`;
}

function DiskSnapshotMenu({ snapshot }: { snapshot: KubeObject }) {
  const t = useT();
  const navigate = useNavigate();
  const ns = snapshot.metadata.namespace ?? '';
  const name = snapshot.metadata.name ?? '';
  const open = useSnapshotDialog()[1];
  const canDisk = useCan('create', 'virtualdisks', ns);
  const canDelete = useCan('delete', 'virtualdisksnapshots', ns, name);
  const ready = phaseOf(snapshot) === 'Ready';
  return (
    <Menu
      label={t('snapshots.menu', { name })}
      trigger="⋯"
      items={[
        {
          id: 'restore',
          label: t('snapshots.disk.restore'),
          disabledReason: !canDisk.allowed
            ? t('common.forbidden')
            : ready
              ? undefined
              : t('snapshots.notReady'),
          onSelect: () => void navigate(restoreDiskHref(ns, name)),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          danger: true,
          disabledReason: canDelete.allowed ? undefined : t('common.forbidden'),
          onSelect: () => open('delete', name),
        },
      ]}
    />
  );
}

function VmSnapshotMenu({ snapshot }: { snapshot: KubeObject }) {
  const t = useT();
  const ns = snapshot.metadata.namespace ?? '';
  const name = snapshot.metadata.name ?? '';
  const open = useSnapshotDialog()[1];
  const canRestore = useCan('create', 'virtualmachinesnapshotoperations', ns);
  const canDelete = useCan('delete', 'virtualmachinesnapshots', ns, name);
  const ready = phaseOf(snapshot) === 'Ready';
  return (
    <Menu
      label={t('snapshots.menu', { name })}
      trigger="⋯"
      items={[
        {
          id: 'restore',
          label: t('snapshots.vm.restore'),
          disabledReason: !canRestore.allowed
            ? t('common.forbidden')
            : ready
              ? undefined
              : t('snapshots.notReady'),
          onSelect: () => open('restore', name),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          danger: true,
          disabledReason: canDelete.allowed ? undefined : t('common.forbidden'),
          onSelect: () => open('delete', name),
        },
      ]}
    />
  );
}
