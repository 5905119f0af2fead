import { useQueries } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useCan } from '../../../api/session.tsx';
import { FormDialog } from '../../../components/dialogs/FormDialog.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { useClusterList } from '../../../components/vm-form/data.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Switch, TextInput } from '../../../ui/Field.tsx';
import { useDebounced } from '../../disks/create/use-dry-run.ts';
import { storageClassOf } from '../../disks/model.ts';
import { ConsistencyNote, useVmRows } from '../common/ConsistencyNote.tsx';
import { useSnapshotClasses, useVmSuggestions } from '../common/data.ts';
import { nameProblem } from '../common/name-check.ts';
import { useCreateForm } from '../common/use-create-form.ts';
import { NamePicker } from '../common/NamePicker.tsx';
import {
  defaultSnapshotClass,
  snapshotClassesFor,
  snapshotName,
} from '../common/snapshot-classes.ts';
import { SnapshotClassSelect } from '../disk/CreateDiskSnapshotDialog.tsx';

const CAUSES = { 'metadata.name': 'name', 'spec.virtualMachineName': 'vm' };

/**
 * "Create VM snapshot": the VM, a VolumeSnapshotClass per storage class its disks use, required
 * consistency (what freezing needs) and whether the VM's IP address is kept for a restore.
 */
export function CreateVmSnapshotDialog({
  namespace,
  onClose,
}: {
  namespace: string;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan('create', 'virtualmachinesnapshots', namespace);
  const form = useCreateForm(CAUSES);
  const [vmName, setVmName] = useState('');
  const [name, setName] = useState<string>();
  // One timestamp per dialog: the proposed name must not change while the dialog is open.
  const [openedAt] = useState(() => Date.now());
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [consistent, setConsistent] = useState(true);
  const [keepIp, setKeepIp] = useState(true);

  const suggestions = useVmSuggestions(namespace, vmName);
  const settled = useDebounced(vmName.trim(), 250);
  const [row] = useVmRows(namespace, settled ? [settled] : []);
  const diskNames = (row?.disks ?? []).filter((d) => d.kind === 'VirtualDisk').map((d) => d.name);
  const disks = useQueries({
    queries: diskNames.map((d) =>
      q(api.resourceView, { namespace, resource: 'virtualdisks', name: d }),
    ),
  });
  const storageClasses = useClusterList('storageclasses');
  const vscs = useSnapshotClasses();
  const usedClasses = [
    ...new Set(disks.map((d) => (d.data ? storageClassOf(d.data) : undefined)).filter(Boolean)),
  ] as string[];
  const perClass = usedClasses.map((sc) => {
    const candidates = snapshotClassesFor(
      storageClasses.items.find((c) => c.metadata.name === sc),
      vscs.items,
    );
    return { sc, candidates, value: chosen[sc] ?? defaultSnapshotClass(candidates) };
  });
  const nameValue = name ?? (vmName.trim() ? snapshotName(vmName.trim(), openedAt) : '');

  const vmError = !vmName.trim()
    ? t('snapshots.err.required')
    : settled === vmName.trim() && suggestions.settled === settled && !suggestions.pending && !row
      ? t('snapshots.err.noVm', { name: vmName.trim() })
      : undefined;
  const nameError = nameProblem(t, 'VirtualMachineSnapshot', nameValue);

  const submit = (e: FormEvent) =>
    form.submit(e, !!(vmError || nameError), async () => {
      const classes = perClass
        .filter((p) => p.value)
        .map((p) => ({ storageClassName: p.sc, volumeSnapshotClassName: p.value }));
      await call(api.resourceCreate, {
        params: { namespace, resource: 'virtualmachinesnapshots' },
        body: {
          apiVersion: 'virtualization.deckhouse.io/v1alpha2',
          kind: 'VirtualMachineSnapshot',
          metadata: { name: nameValue.trim() },
          spec: {
            virtualMachineName: vmName.trim(),
            requiredConsistency: consistent,
            keepIPAddress: keepIp ? 'Always' : 'Never',
            ...(classes.length ? { volumeSnapshotClasses: classes } : {}),
          },
        },
      });
      toast('success', t('snapshots.vm.created', { name: nameValue.trim() }));
      onClose();
    });

  const formId = 'create-vm-snapshot';
  const title = t('snapshots.vm.createTitle');
  return (
    <FormDialog
      formId={formId}
      size="lg"
      title={title}
      submitLabel={t('snapshots.create')}
      busy={form.busy}
      disabledReason={can.allowed || can.pending ? undefined : t('common.forbidden')}
      onSubmit={submit}
      onClose={onClose}
    >
      <NamePicker
        label={t('snapshots.vm.vm')}
        value={vmName}
        focusFirst
        error={form.show(vmError, 'vm')}
        suggestions={suggestions.items.map((r) => ({ value: r.name, label: r.phase }))}
        onChange={(v) => {
          setVmName(v);
          setChosen({});
          form.clearError();
        }}
      />
      <TextInput
        label={t('snapshots.name')}
        required
        value={nameValue}
        autoComplete="off"
        spellCheck={false}
        error={form.show(nameError, 'name')}
        onChange={(e) => {
          setName(e.target.value);
          form.clearError();
        }}
      />
      <fieldset className="snap-classes">
        <legend className="field-label">{t('snapshots.vm.classes')}</legend>
        {perClass.length === 0 ? (
          <p className="field-hint">{t('snapshots.vm.classesEmpty')}</p>
        ) : (
          perClass.map((p) => (
            <SnapshotClassSelect
              key={p.sc}
              label={t('snapshots.vm.classFor', { storageClass: p.sc })}
              storageClass={p.sc}
              candidates={p.candidates}
              value={p.value}
              readable={vscs.readable}
              onChange={(v) => setChosen((c) => ({ ...c, [p.sc]: v }))}
            />
          ))
        )}
      </fieldset>
      <Switch
        label={t('snapshots.consistency')}
        checked={consistent}
        onChange={setConsistent}
        hint={t('snapshots.vm.consistencyHint')}
      />
      {row ? (
        <ConsistencyNote namespace={namespace} vms={[row.name]} required={consistent} />
      ) : null}
      <Switch
        label={t('snapshots.vm.keepIp')}
        checked={keepIp}
        onChange={setKeepIp}
        hint={t('snapshots.vm.keepIpHint')}
      />
      <FormError {...form.banner} />
    </FormDialog>
  );
}
