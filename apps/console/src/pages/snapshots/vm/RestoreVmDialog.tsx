import type { KubeObject } from '@dvp/api';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { FormDialog } from '../../../components/dialogs/FormDialog.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { useProjectObject } from '../../disks/data.ts';
import { RestorePreview } from './RestorePreview.tsx';
import {
  duplicateTargets,
  isRenamable,
  keyOf,
  restoredVmName,
  restoreOperationBody,
  snapshotResources,
  targetNameProblem,
  type SnapshotResource,
} from './restore-model.ts';
import { useRestoreConflicts } from './use-conflicts.ts';

interface Condition {
  type?: string;
  message?: string;
}

/**
 * "Restore to a new VM": the snapshot's VM, disks, attachments and cloud-init secret under new
 * names (name replacements), with a live preview of which names collide with what exists in the
 * project before submitting. Runs a VirtualMachineSnapshotOperation (`CreateVirtualMachine`,
 * Strict: all or nothing) and opens the new VM when it completes.
 */
export function RestoreVmDialog({
  snapshot,
  onClose,
}: {
  snapshot: KubeObject;
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const namespace = snapshot.metadata.namespace ?? '';
  const snapName = snapshot.metadata.name ?? '';
  const can = useCan('create', 'virtualmachinesnapshotoperations', namespace);
  const resources = snapshotResources(snapshot);
  const [names, setNames] = useState<Record<string, string>>({});
  const toOf = (r: SnapshotResource) => names[keyOf(r)] ?? r.name;
  const [busy, setBusy] = useState(false);
  const [opName, setOpName] = useState('');
  const op = useProjectObject(namespace, 'virtualmachinesnapshotoperations', opName);
  const opPhase = (op.data?.status as { phase?: string } | undefined)?.phase;
  const opMessage = (
    (op.data?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []
  )
    .map((c) => c.message)
    .filter(Boolean)
    .join('; ');
  const vmName = restoredVmName(resources, toOf);

  const renamable = resources.filter((r) => isRenamable(r.kind));
  const states = useRestoreConflicts(
    namespace,
    renamable.map((r) => ({ key: keyOf(r), kind: r.kind, to: toOf(r).trim() })),
  );
  const dups = duplicateTargets(resources, toOf);
  const problems = new Map(
    renamable.map((r) => [keyOf(r), targetNameProblem(r.kind, toOf(r))] as const),
  );
  const collisions = renamable.filter(
    (r) => states.get(keyOf(r)) === 'exists' || dups.has(keyOf(r)),
  ).length;
  const invalid = [...problems.values()].some(Boolean);
  const checking = [...states.values()].some((s) => s === 'checking');
  const ready = (snapshot.status as { phase?: string } | undefined)?.phase === 'Ready';

  const blocked = !can.allowed
    ? can.pending
      ? undefined
      : t('common.forbidden')
    : !ready
      ? t('snapshots.restore.notReady')
      : invalid
        ? t('snapshots.restore.fixNames')
        : collisions
          ? t('snapshots.restore.resolve', { count: collisions })
          : checking
            ? t('snapshots.restore.checking')
            : undefined;

  // The operation runs on the server; when it completes the new VM's page opens.
  useEffect(() => {
    if (opPhase !== 'Completed') return;
    toast('success', t('snapshots.restore.done', { name: vmName }));
    void navigate(paths.vm(namespace, vmName));
  }, [opPhase, t, vmName, namespace, navigate]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked || busy || (opName && opPhase !== 'Failed')) return;
    setBusy(true);
    try {
      const created = await call(api.resourceCreate, {
        params: { namespace, resource: 'virtualmachinesnapshotoperations' },
        body: restoreOperationBody(snapName, resources, toOf),
      });
      setOpName(created.metadata.name ?? '');
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const formId = 'restore-vm-form';
  const title = t('snapshots.restore.title', { name: snapName });
  const running = !!opName && opPhase !== 'Failed';
  return (
    <FormDialog
      formId={formId}
      size="xl"
      title={title}
      submitLabel={t('snapshots.restore.submit')}
      busy={busy || running}
      disabledReason={opName ? undefined : blocked}
      onSubmit={submit}
      onClose={onClose}
    >
      <p>{t('snapshots.restore.intro')}</p>
      <RestorePreview
        resources={resources}
        toOf={toOf}
        states={states}
        duplicates={dups}
        problems={problems}
        disabled={!!opName && opPhase !== 'Failed'}
        onRename={(r, v) => setNames((n) => ({ ...n, [keyOf(r)]: v }))}
      />
      <p className="snap-summary" role="status">
        {!ready
          ? t('snapshots.restore.notReady')
          : collisions
            ? t('snapshots.restore.resolve', { count: collisions })
            : checking
              ? t('snapshots.restore.checking')
              : invalid
                ? t('snapshots.restore.fixNames')
                : t('snapshots.restore.noConflicts')}
      </p>
      {opName ? (
        <div
          className={opPhase === 'Failed' ? 'banner banner-danger' : 'banner banner-info'}
          role={opPhase === 'Failed' ? 'alert' : 'status'}
        >
          <p>
            {t('snapshots.restore.operation', { name: opName })}{' '}
            {opPhase ? <PhaseBadge phase={opPhase} /> : null}
          </p>
          {opPhase === 'Failed' && opMessage ? <p>{opMessage}</p> : null}
        </div>
      ) : null}
    </FormDialog>
  );
}
