import type { KubeObject } from '@dvp/api';
import { createContext, useContext } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn, phaseColumn, phaseOf } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { useT, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { Menu } from '../../../ui/Menu.tsx';
import { sourceParam } from '../../disks/create/model.ts';
import type { SnapshotDialogKind } from './use-snapshot-dialog.ts';

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
    // A row menu: mounted afresh per object (it may be open).
    ownState: true,
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

/**
 * What every row menu of a snapshot list needs, provided once by the page (rights and the
 * dialog opener), so thousands of rows do not each ask for them.
 */
export interface SnapshotRowActions {
  open: (kind: SnapshotDialogKind, name: string) => void;
  restoreDisk: (name: string) => void;
  /** Why restoring / deleting is not allowed (rights), if so. */
  restoreForbidden?: string | undefined;
  deleteForbidden?: string | undefined;
}

export const SnapshotRowActionsContext = createContext<SnapshotRowActions | null>(null);

function useRowActions(): SnapshotRowActions {
  const v = useContext(SnapshotRowActionsContext);
  if (!v) throw new Error('snapshot row menu outside its list');
  return v;
}

function SnapshotMenu({ snapshot, restoreLabel }: { snapshot: KubeObject; restoreLabel: string }) {
  const t = useT();
  const name = snapshot.metadata.name ?? '';
  const a = useRowActions();
  const ready = phaseOf(snapshot) === 'Ready';
  const isDisk = snapshot.kind === 'VirtualDiskSnapshot';
  return (
    <Menu
      label={t('snapshots.menu', { name })}
      trigger="⋯"
      items={[
        {
          id: 'restore',
          label: restoreLabel,
          disabledReason: a.restoreForbidden ?? (ready ? undefined : t('snapshots.notReady')),
          onSelect: () => (isDisk ? a.restoreDisk(name) : a.open('restore', name)),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          danger: true,
          disabledReason: a.deleteForbidden,
          onSelect: () => a.open('delete', name),
        },
      ]}
    />
  );
}

function DiskSnapshotMenu({ snapshot }: { snapshot: KubeObject }) {
  const t = useT();
  return <SnapshotMenu snapshot={snapshot} restoreLabel={t('snapshots.disk.restore')} />;
}

function VmSnapshotMenu({ snapshot }: { snapshot: KubeObject }) {
  const t = useT();
  return <SnapshotMenu snapshot={snapshot} restoreLabel={t('snapshots.vm.restore')} />;
}
