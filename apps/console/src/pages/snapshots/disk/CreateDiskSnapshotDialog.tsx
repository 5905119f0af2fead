import type { KubeObject } from '@dvp/api';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../../api/client.ts';
import { useCan } from '../../../api/session.tsx';
import { FormDialog } from '../../../components/dialogs/FormDialog.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { useClusterList } from '../../../components/vm-form/data.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { SelectInput, Switch, TextInput } from '../../../ui/Field.tsx';
import { useDebounced } from '../../disks/create/use-dry-run.ts';
import { useProjectObject } from '../../disks/data.ts';
import { useInitialFocus } from '../../disks/dialogs/use-initial-focus.ts';
import { attachedVmsOf, storageClassOf } from '../../disks/model.ts';
import { ConsistencyNote } from '../common/ConsistencyNote.tsx';
import { useDiskSuggestions, useSnapshotClasses } from '../common/data.ts';
import { nameProblem } from '../common/name-check.ts';
import { useCreateForm } from '../common/use-create-form.ts';
import { NamePicker } from '../common/NamePicker.tsx';
import {
  defaultSnapshotClass,
  snapshotClassesFor,
  snapshotName,
} from '../common/snapshot-classes.ts';

const CAUSES = {
  'metadata.name': 'name',
  'spec.virtualDiskName': 'disk',
  'spec.volumeSnapshotClassName': 'snapshotClass',
};

/**
 * "Create disk snapshot": the disk, a VolumeSnapshotClass of the disk's storage (its default
 * preselected), and required consistency, with what freezing needs for a disk in use.
 */
export function CreateDiskSnapshotDialog({
  namespace,
  disk: initialDisk = '',
  onClose,
}: {
  namespace: string;
  disk?: string;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan('create', 'virtualdisksnapshots', namespace);
  const form = useCreateForm(CAUSES);
  const [diskName, setDiskName] = useState(initialDisk);
  const [name, setName] = useState<string>();
  // One timestamp per dialog: the proposed name must not change while the dialog is open.
  const [openedAt] = useState(() => Date.now());
  const [chosenClass, setChosenClass] = useState<string>();
  const [consistent, setConsistent] = useState(true);

  const focusName = useInitialFocus<HTMLInputElement>(!!initialDisk);
  const suggestions = useDiskSuggestions(namespace, diskName);
  // Looked up once typing pauses, not for every partial name.
  const settledDisk = useDebounced(diskName.trim(), 250);
  const disk = useProjectObject(namespace, 'virtualdisks', settledDisk);
  const storageClasses = useClusterList('storageclasses');
  const vscs = useSnapshotClasses();
  const sc = disk.data ? storageClassOf(disk.data) : undefined;
  const candidates = snapshotClassesFor(
    storageClasses.items.find((c) => c.metadata.name === sc),
    vscs.items,
  );
  const snapClass = chosenClass ?? defaultSnapshotClass(candidates);
  const nameValue = name ?? (diskName.trim() ? snapshotName(diskName.trim(), openedAt) : '');

  const diskError = !diskName.trim()
    ? t('snapshots.err.required')
    : disk.isError && settledDisk === diskName.trim()
      ? t('snapshots.err.noDisk', { name: diskName.trim() })
      : undefined;
  const nameError = nameProblem(t, 'VirtualDiskSnapshot', nameValue);

  const submit = (e: FormEvent) =>
    form.submit(e, !!(diskError || nameError), async () => {
      await call(api.resourceCreate, {
        params: { namespace, resource: 'virtualdisksnapshots' },
        body: {
          apiVersion: 'virtualization.deckhouse.io/v1alpha2',
          kind: 'VirtualDiskSnapshot',
          metadata: { name: nameValue.trim() },
          spec: {
            virtualDiskName: diskName.trim(),
            requiredConsistency: consistent,
            ...(snapClass ? { volumeSnapshotClassName: snapClass } : {}),
          },
        },
      });
      toast('success', t('snapshots.disk.created', { name: nameValue.trim() }));
      onClose();
    });

  const formId = 'create-disk-snapshot';
  const title = t('snapshots.disk.createTitle');
  return (
    <FormDialog
      formId={formId}
      title={title}
      submitLabel={t('snapshots.create')}
      busy={form.busy}
      disabledReason={can.allowed || can.pending ? undefined : t('common.forbidden')}
      onSubmit={submit}
      onClose={onClose}
    >
      <NamePicker
        label={t('snapshots.disk.disk')}
        value={diskName}
        focusFirst={!initialDisk}
        error={form.show(diskError, 'disk')}
        suggestions={suggestions.map((d) => ({ value: d.metadata.name ?? '' }))}
        onChange={(v) => {
          setDiskName(v);
          setChosenClass(undefined);
          form.clearError();
        }}
      />
      <TextInput
        label={t('snapshots.name')}
        required
        value={nameValue}
        autoComplete="off"
        spellCheck={false}
        ref={focusName}
        error={form.show(nameError, 'name')}
        onChange={(e) => {
          setName(e.target.value);
          form.clearError();
        }}
      />
      <SnapshotClassSelect
        storageClass={sc}
        candidates={candidates}
        value={snapClass}
        readable={vscs.readable}
        error={form.serverField('snapshotClass')}
        onChange={setChosenClass}
      />
      <Switch
        label={t('snapshots.consistency')}
        checked={consistent}
        onChange={setConsistent}
        hint={t('snapshots.consistencyHint')}
      />
      {disk.data ? (
        <ConsistencyNote
          namespace={namespace}
          vms={attachedVmsOf(disk.data)}
          required={consistent}
        />
      ) : null}
      <FormError {...form.banner} />
    </FormDialog>
  );
}

/** The VolumeSnapshotClass for one storage class (only classes of its CSI driver). */
export function SnapshotClassSelect({
  storageClass,
  candidates,
  value,
  readable,
  error,
  onChange,
  label,
}: {
  storageClass: string | undefined;
  candidates: KubeObject[];
  value: string;
  readable: boolean;
  error?: string | undefined;
  onChange: (v: string) => void;
  label?: string;
}) {
  const t = useT();
  const hint = !readable
    ? t('snapshots.class.unreadable')
    : !storageClass
      ? t('snapshots.class.chooseDisk')
      : candidates.length === 0
        ? t('snapshots.class.none', { storageClass })
        : t('snapshots.class.hint', { storageClass });
  return (
    <SelectInput
      label={label ?? t('snapshots.class')}
      value={value}
      error={error}
      hint={hint}
      onChange={(e) => onChange(e.target.value)}
      options={
        candidates.length
          ? candidates.map((c) => ({ value: c.metadata.name ?? '', label: c.metadata.name ?? '' }))
          : [{ value: '', label: t('snapshots.class.auto') }]
      }
    />
  );
}
