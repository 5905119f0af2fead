import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { tryParseQuantity, validateDvpName, validateObjectName } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldShell, SelectInput, TextInput } from '../../ui/Field.tsx';
import {
  defaultStorageClass,
  imageSize,
  isFreeDisk,
  useClusterList,
  useProjectList,
} from './data.ts';
import { newDiskValue, type BootDiskValue } from './model.ts';

type Step = 'choose' | 'existing' | 'new';

interface Props {
  open: boolean;
  namespace: string;
  vmName: string;
  /** Names already in the boot disk list. */
  taken: readonly string[];
  onClose: () => void;
  onAdd: (disk: BootDiskValue) => void;
}

/**
 * "Add" boot disk: "Choose from existing" (a free project disk) or "Create new disk" (from a
 * project or cluster image; created when the VM is). Rendered in a portal with its own form,
 * so Enter here never submits the VM form.
 */
export function AddDiskDialog(props: Props) {
  const t = useT();
  const [step, setStep] = useState<Step>('choose');
  const close = () => {
    setStep('choose');
    props.onClose();
  };
  if (!props.open) return null;
  return createPortal(
    <Dialog
      open
      title={
        step === 'existing'
          ? t('vm-create.chooseExisting')
          : step === 'new'
            ? t('vm-create.createNew')
            : t('vm-create.addDisk')
      }
      closeLabel={t('common.close')}
      onClose={close}
    >
      {step === 'choose' ? (
        <div className="vm-form-choose">
          <Button onClick={() => setStep('existing')}>{t('vm-create.chooseExisting')}</Button>
          <Button onClick={() => setStep('new')}>{t('vm-create.createNew')}</Button>
        </div>
      ) : step === 'existing' ? (
        <ExistingDisk {...props} />
      ) : (
        <NewDisk {...props} />
      )}
    </Dialog>,
    document.body,
  );
}

function stop(e: FormEvent, then: () => void) {
  e.preventDefault();
  // React bubbles submit through the portal to the VM form; it must not see this one.
  e.stopPropagation();
  then();
}

function ExistingDisk({ namespace, taken, onAdd }: Props) {
  const t = useT();
  const disks = useProjectList(namespace, 'virtualdisks');
  const free = disks.items.filter((d) => isFreeDisk(d) && !taken.includes(d.metadata.name ?? ''));
  const [picked, setPicked] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), [disks.pending]);
  const value = picked || free[0]?.metadata.name || '';
  return (
    <form
      onSubmit={(e) =>
        stop(e, () => value && onAdd({ ...newDiskValue(value, ''), mode: 'existing' }))
      }
    >
      {disks.pending ? (
        <p>{t('common.loading')}</p>
      ) : free.length === 0 ? (
        <p>{t('vm-create.existing.none')}</p>
      ) : (
        <SelectInput
          ref={first}
          label={t('vm-create.existing.disk')}
          value={value}
          onChange={(e) => setPicked(e.target.value)}
          options={free.map((d) => {
            const cap = (d.status as { capacity?: string } | undefined)?.capacity;
            const name = d.metadata.name ?? '';
            return { value: name, label: cap ? `${name} (${cap})` : name };
          })}
        />
      )}
      <div className="dialog-footer">
        <Button
          type="submit"
          variant="primary"
          disabledReason={value ? undefined : t('vm-create.existing.none')}
        >
          {t('vm-create.existing.add')}
        </Button>
      </div>
    </form>
  );
}

function NewDisk({ namespace, vmName, taken, onAdd }: Props) {
  const t = useT();
  const images = useProjectList(namespace, 'virtualimages');
  const clusterImages = useClusterList('clustervirtualimages');
  const classes = useClusterList('storageclasses');
  const [name, setName] = useState(vmName ? `${vmName}-root` : '');
  // The step's first field takes the focus from the "Create new disk" button it replaced.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const [project, setProject] = useState(true);
  const [source, setSource] = useState<string>();
  const [size, setSize] = useState<string>();
  const [storageClass, setStorageClass] = useState<string>();
  const [submitted, setSubmitted] = useState(false);

  const list = project ? images.items : clusterImages.items;
  const sourceName = source ?? list[0]?.metadata.name ?? '';
  const image = list.find((i) => i.metadata.name === sourceName);
  const defaultSize = imageSize(image);
  const sizeValue = size ?? defaultSize ?? '';
  const sc = storageClass ?? defaultStorageClass(classes.items);

  const nameError = !name.trim()
    ? t('vm-create.err.required')
    : taken.includes(name.trim())
      ? t('vm-create.new.nameTaken')
      : [
          ...validateObjectName('VirtualDisk', name.trim()),
          ...validateDvpName('VirtualDisk', name.trim()),
        ][0];
  const sizeError =
    sizeValue.trim() && !tryParseQuantity(sizeValue.trim())
      ? t('vm-create.err.memoryFormat')
      : undefined;

  const submit = () => {
    setSubmitted(true);
    if (nameError || sizeError) return;
    onAdd(
      newDiskValue(name.trim(), sc, {
        kind: project ? 'VirtualImage' : 'ClusterVirtualImage',
        name: sourceName,
        size: sizeValue.trim(),
      }),
    );
  };

  return (
    <form noValidate onSubmit={(e) => stop(e, submit)}>
      <TextInput
        ref={first}
        label={t('vm-create.new.name')}
        required
        value={name}
        error={submitted || name ? nameError : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <FieldShell label={t('vm-create.new.source')}>
        {({ id, describedBy }) => (
          <div className="vm-form-source">
            <label className="vm-form-check">
              <input
                type="checkbox"
                checked={project}
                onChange={(e) => {
                  setProject(e.target.checked);
                  setSource(undefined);
                  setSize(undefined);
                }}
              />
              {t('vm-create.new.project')}
            </label>
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={sourceName}
              onChange={(e) => {
                setSource(e.target.value);
                setSize(undefined);
              }}
            >
              {list.map((i) => (
                <option key={i.metadata.name} value={i.metadata.name}>
                  {i.metadata.name}
                </option>
              ))}
              <option value="">{t('vm-create.new.sourceNone')}</option>
            </select>
          </div>
        )}
      </FieldShell>
      <TextInput
        label={t('vm-create.new.size')}
        value={sizeValue}
        placeholder={defaultSize}
        hint={t('vm-create.new.sizeHint', { size: defaultSize ?? 'none' })}
        error={sizeError}
        onChange={(e) => setSize(e.target.value)}
      />
      <SelectInput
        label={t('vm-create.new.storageClass')}
        value={sc}
        onChange={(e) => setStorageClass(e.target.value)}
        options={classes.items.map((c) => {
          const n = c.metadata.name ?? '';
          return {
            value: n,
            label:
              n === defaultStorageClass(classes.items)
                ? t('vm-create.new.storageClassDefault', { name: n })
                : n,
          };
        })}
      />
      <div className="dialog-footer">
        <Button type="submit" variant="primary">
          {t('vm-create.new.submit')}
        </Button>
      </div>
    </form>
  );
}
