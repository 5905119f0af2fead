import type { Condition, KubeObject } from '@dvp/api';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { useProjectObject } from '../disks/data.ts';
import { Conditions } from '../disks/detail/Conditions.tsx';
import { ObjectHeader, ObjectPage } from '../disks/detail/ObjectPage.tsx';
import { ObjectYaml } from '../disks/detail/ObjectYaml.tsx';
import { Facts, Section } from '../vms/detail/parts.tsx';
import { consistentText, restoreDiskHref } from './common/columns.tsx';
import { DeleteSnapshotDialog } from './common/DeleteSnapshotDialog.tsx';
import { useSnapshotDialog } from './common/use-snapshot-dialog.ts';
import type { SnapshotsKind } from './SnapshotsPage.tsx';
import { snapshotResources } from './vm/restore-model.ts';
import { RestoreVmDialog } from './vm/RestoreVmDialog.tsx';
import './snapshots.css';

/** One disk or VM snapshot: its state, source, consistency, conditions, YAML; restore, delete. */
export function SnapshotPage({ kind }: { kind: SnapshotsKind }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { project = '', name = '' } = useParams();
  const resource = kind === 'disks' ? 'virtualdisksnapshots' : 'virtualmachinesnapshots';
  const list = kind === 'disks' ? paths.diskSnapshots(project) : paths.vmSnapshots(project);
  useDocumentTitle(name, t('snapshots.title'), project);
  const query = useProjectObject(project, resource, name);
  const [dialog, open, close] = useSnapshotDialog();
  const back = (
    <Link className="disk-back" to={list}>
      ← {kind === 'disks' ? t('snapshots.tab.disks') : t('snapshots.tab.vms')}
    </Link>
  );
  return (
    <ObjectPage
      className="snap-page"
      back={back}
      query={query}
      goneText={() => t('snapshots.notFound', { name })}
    >
      {(snap) => (
        <>
          <ObjectHeader
            object={snap}
            actions={
              <SnapshotActions
                snapshot={snap}
                kind={kind}
                onRestoreVm={() => open('restore', name)}
                onDelete={() => open('delete', name)}
              />
            }
          />
          <Section id="snap-facts" title={t('disks.facts')}>
            <SnapshotFacts snapshot={snap} kind={kind} />
          </Section>
          <Conditions
            headingId="snap-conditions"
            conditions={(snap.status as { conditions?: Condition[] } | undefined)?.conditions ?? []}
          />
          <Section id="snap-yaml" title={t('common.yaml')}>
            <ObjectYaml object={snap} />
          </Section>
          {dialog?.kind === 'restore' && kind === 'vms' ? (
            <RestoreVmDialog snapshot={snap} onClose={close} />
          ) : null}
          {dialog?.kind === 'delete' ? (
            <DeleteSnapshotDialog
              namespace={project}
              resource={resource}
              name={name}
              onClose={close}
              onDeleted={() => void navigate(list)}
            />
          ) : null}
        </>
      )}
    </ObjectPage>
  );
}

function SnapshotActions({
  snapshot,
  kind,
  onRestoreVm,
  onDelete,
}: {
  snapshot: KubeObject;
  kind: SnapshotsKind;
  onRestoreVm: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ns = snapshot.metadata.namespace ?? '';
  const name = snapshot.metadata.name ?? '';
  const ready = (snapshot.status as { phase?: string } | undefined)?.phase === 'Ready';
  const canRestore = useCan(
    'create',
    kind === 'disks' ? 'virtualdisks' : 'virtualmachinesnapshotoperations',
    ns,
  );
  const canDelete = useCan(
    'delete',
    kind === 'disks' ? 'virtualdisksnapshots' : 'virtualmachinesnapshots',
    ns,
    name,
  );
  const restoreReason = !canRestore.allowed
    ? t('common.forbidden')
    : ready
      ? undefined
      : t('snapshots.notReady');
  return (
    <div className="disk-actions">
      <Button
        variant="primary"
        disabledReason={restoreReason}
        onClick={() =>
          kind === 'disks' ? void navigate(restoreDiskHref(ns, name)) : onRestoreVm()
        }
      >
        {kind === 'disks' ? t('snapshots.disk.restore') : t('snapshots.vm.restore')}
      </Button>
      <Button
        variant="danger"
        disabledReason={canDelete.allowed ? undefined : t('common.forbidden')}
        onClick={onDelete}
      >
        {t('common.delete')}
      </Button>
    </div>
  );
}

function SnapshotFacts({ snapshot, kind }: { snapshot: KubeObject; kind: SnapshotsKind }) {
  const { t, locale } = useI18n();
  const ns = snapshot.metadata.namespace ?? '';
  const spec = (snapshot.spec ?? {}) as {
    virtualDiskName?: string;
    virtualMachineName?: string;
    requiredConsistency?: boolean;
    keepIPAddress?: string;
    volumeSnapshotClassName?: string;
    volumeSnapshotClasses?: { storageClassName: string; volumeSnapshotClassName: string }[];
  };
  const common: [string, React.ReactNode][] = [
    [t('common.phase'), (snapshot.status as { phase?: string } | undefined)?.phase ?? '—'],
    [t('snapshots.col.consistent'), consistentText(t, snapshot)],
    [
      t('snapshots.consistency'),
      spec.requiredConsistency === false ? t('common.no') : t('common.yes'),
    ],
    [t('disks.created'), formatDateTime(locale, snapshot.metadata.creationTimestamp)],
  ];
  if (kind === 'disks')
    return (
      <Facts
        items={[
          [
            t('snapshots.col.disk'),
            spec.virtualDiskName ? (
              <Link to={paths.disk(ns, spec.virtualDiskName)}>{spec.virtualDiskName}</Link>
            ) : (
              '—'
            ),
          ],
          [t('snapshots.col.class'), spec.volumeSnapshotClassName ?? t('snapshots.class.auto')],
          ...common,
        ]}
      />
    );
  const resources = snapshotResources(snapshot);
  return (
    <Facts
      items={[
        [
          t('snapshots.col.vm'),
          spec.virtualMachineName ? (
            <Link to={paths.vm(ns, spec.virtualMachineName)}>{spec.virtualMachineName}</Link>
          ) : (
            '—'
          ),
        ],
        [
          t('snapshots.col.keepIp'),
          spec.keepIPAddress === 'Never' ? t('common.no') : t('common.yes'),
        ],
        [
          t('snapshots.vm.classes'),
          spec.volumeSnapshotClasses?.length
            ? spec.volumeSnapshotClasses
                .map((c) => `${c.storageClassName} → ${c.volumeSnapshotClassName}`)
                .join(', ')
            : t('snapshots.class.auto'),
        ],
        [
          t('snapshots.vm.resources'),
          resources.length ? resources.map((r) => `${r.kind} ${r.name}`).join(', ') : '—',
        ],
        ...common,
      ]}
    />
  );
}
