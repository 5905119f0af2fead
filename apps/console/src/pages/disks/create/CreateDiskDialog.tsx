import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client.ts';
import { splitCauses } from '../../../api/error-text.ts';
import { toApiError, type ApiError, type StatusCause } from '../../../api/errors.ts';
import { invalidateEndpoint, useQueryClient } from '../../../api/query.ts';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { FormDialog } from '../../../components/dialogs/FormDialog.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { LeaveGuard } from '../../../components/form/LeaveGuard.tsx';
import { useClusterList } from '../../../components/vm-form/data.ts';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { TextInput } from '../../../ui/Field.tsx';
import { useProjectObjects, useStorageClasses } from '../data.ts';
import { roundUpToMi } from '../model.ts';
import {
  checkValues,
  DISK_CAUSE_FIELDS,
  diskBody,
  imageBytes,
  type CreateDiskValues,
  type SourceKind,
} from './model.ts';
import { SourceField } from './SourceField.tsx';
import { StorageClassField } from './StorageClassField.tsx';
import { useInitialFocus } from '../dialogs/use-initial-focus.ts';
import { useDryRunCreate } from './use-dry-run.ts';

type Field = keyof CreateDiskValues;

export interface CreateDiskDialogProps {
  namespace: string;
  onClose: () => void;
  /** Preset source (restore a snapshot to a new disk). */
  initialSource?: { kind: SourceKind; name: string } | undefined;
}

/** Server refusal → field messages and the rest for the banner. */
function serverProblems(
  t: ReturnType<typeof useT>,
  err: ApiError | null,
  name: string,
): { fields: Partial<Record<Field, string>>; rest: StatusCause[]; banner: ApiError | null } {
  if (!err) return { fields: {}, rest: [], banner: null };
  if (err.reason === 'AlreadyExists')
    return {
      fields: { name: t('disks.create.err.alreadyExists', { name }) },
      rest: [],
      banner: null,
    };
  const split = splitCauses(err, DISK_CAUSE_FIELDS);
  const fields: Partial<Record<Field, string>> = {};
  for (const f of split.fields) fields[f.name as Field] ??= f.message;
  const mapped = split.fields.length > 0 && split.rest.length === 0;
  return { fields, rest: split.rest, banner: mapped ? null : err };
}

/**
 * "Create Disk": name, source (project or cluster image, a disk snapshot, or blank), size
 * (default and minimum: the image's unpacked size) and storage class (the default preselected).
 * The server dry-runs the disk while the user types; Create opens the new disk's page.
 */
export function CreateDiskDialog({ namespace, onClose, initialSource }: CreateDiskDialogProps) {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const can = useCan('create', 'virtualdisks', namespace);
  const images = useProjectObjects(namespace, 'virtualimages');
  const clusterImages = useClusterList('clustervirtualimages');
  const snapshots = useProjectObjects(namespace, 'virtualdisksnapshots');
  const classes = useStorageClasses();
  const form = useForm<CreateDiskValues>({
    mode: 'onChange',
    defaultValues: {
      name: '',
      sourceKind: initialSource?.kind ?? 'VirtualImage',
      sourceName: initialSource?.name ?? '',
      size: '',
      storageClass: '',
    },
  });
  const { register, handleSubmit, setValue, formState, control } = form;
  const values = useWatch({ control }) as CreateDiskValues;
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  // The dialog's first field takes the focus when it opens.
  const focusName = useInitialFocus<HTMLInputElement>();
  const nameField = register('name', { onChange: () => setSubmitError(null) });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const sourceList =
    values.sourceKind === 'VirtualImage'
      ? images.items
      : values.sourceKind === 'ClusterVirtualImage'
        ? clusterImages.items
        : values.sourceKind === 'VirtualDiskSnapshot'
          ? snapshots.items
          : [];
  const source = sourceList.find((o) => o.metadata.name === values.sourceName);
  const minBytes =
    values.sourceKind === 'VirtualImage' || values.sourceKind === 'ClusterVirtualImage'
      ? imageBytes(source)
      : undefined;
  const min = minBytes === undefined ? '' : roundUpToMi(minBytes);
  const problems = checkValues(values, minBytes, min);
  const localOk = Object.keys(problems).length === 0;
  const body = useMemo(() => diskBody(values), [values]);
  const dry = useDryRunCreate(namespace, 'virtualdisks', body, localOk && can.allowed);
  const server = serverProblems(t, submitError ?? dry.error, values.name.trim());

  const shown = (f: Field): string | undefined => {
    const p = problems[f];
    // A required field's "Required" waits until the user touched it or tried to submit.
    if (p && (p.id !== 'required' || formState.touchedFields[f] || formState.isSubmitted))
      return t(`disks.create.err.${p.id}` as MessageKey, p.values);
    return server.fields[f];
  };

  const submit = async (v: CreateDiskValues) => {
    if (!localOk) return;
    setBusy(true);
    setSubmitError(null);
    try {
      await call(api.resourceCreate, {
        params: { namespace, resource: 'virtualdisks' },
        body: diskBody(v),
      });
      // The leave guard must see `done` before the navigation it would otherwise block.
      flushSync(() => setDone(true));
      void invalidateEndpoint(client, 'resourceList', { namespace, resource: 'virtualdisks' });
      toast('success', t('disks.create.done', { name: v.name.trim() }));
      void navigate(paths.disk(namespace, v.name.trim()));
    } catch (err) {
      setSubmitError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const pickSource = (kind: SourceKind, name: string) => {
    setSubmitError(null);
    setValue('sourceKind', kind, { shouldDirty: true });
    setValue('sourceName', name, { shouldDirty: true, shouldTouch: true });
    // The size follows the source: an image proposes its unpacked size; a snapshot and a blank
    // disk start empty (the snapshot's own size; the user's size).
    const list =
      kind === 'VirtualImage'
        ? images.items
        : kind === 'ClusterVirtualImage'
          ? clusterImages.items
          : [];
    const img = list.find((o) => o.metadata.name === name);
    const bytes = imageBytes(img);
    setValue('size', bytes === undefined ? '' : roundUpToMi(bytes), { shouldDirty: true });
  };

  const formId = 'create-disk-form';
  const sizeHint =
    values.sourceKind === 'blank'
      ? t('disks.create.sizeHintBlank')
      : values.sourceKind === 'VirtualDiskSnapshot'
        ? t('disks.create.sizeHintSnapshot')
        : min
          ? t('disks.create.sizeHintImage', { min })
          : t('disks.create.sizeHintNoImage');

  return (
    <FormDialog
      formId={formId}
      size="lg"
      title={t('disks.create.title')}
      submitLabel={t('disks.create.submit')}
      busy={busy}
      disabledReason={can.allowed || can.pending ? undefined : t('common.forbidden')}
      onSubmit={handleSubmit(submit)}
      onClose={onClose}
      afterForm={
        <LeaveGuard
          when={formState.isDirty && !done}
          title={t('disks.create.leaveTitle')}
          text={t('common.discardChanges')}
          stayLabel={t('disks.create.stay')}
          leaveLabel={t('disks.create.leave')}
        />
      }
    >
      <TextInput
        label={t('disks.create.name')}
        required
        autoComplete="off"
        spellCheck={false}
        error={shown('name')}
        {...nameField}
        ref={(el) => {
          nameField.ref(el);
          focusName(el);
        }}
      />
      <SourceField
        kind={values.sourceKind}
        name={values.sourceName}
        error={shown('sourceName')}
        lists={{
          VirtualImage: images,
          ClusterVirtualImage: clusterImages,
          VirtualDiskSnapshot: snapshots,
        }}
        onChange={pickSource}
      />
      <TextInput
        label={t('disks.create.size')}
        required={values.sourceKind === 'blank'}
        autoComplete="off"
        spellCheck={false}
        placeholder={values.sourceKind === 'blank' ? '10Gi' : min || undefined}
        hint={sizeHint}
        error={shown('size')}
        {...register('size', { onChange: () => setSubmitError(null) })}
      />
      <StorageClassField
        classes={classes.items}
        defaultName={classes.defaultName}
        pending={classes.pending}
        selected={values.storageClass}
        error={shown('storageClass')}
        {...register('storageClass', { onChange: () => setSubmitError(null) })}
      />
      {dry.checking && localOk ? (
        <p className="field-hint" role="status">
          {t('disks.create.checking')}
        </p>
      ) : null}
      <FormError error={server.banner} unmapped={server.rest} />
    </FormDialog>
  );
}
