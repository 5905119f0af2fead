import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { AddDiskDialog } from './AddDiskDialog.tsx';
import type { BootDiskValue, VmFormValues } from './model.ts';

/**
 * "Disks and Images" → "Boot Disks": the VM's `blockDeviceRefs` in boot order, with "Add"
 * (choose an existing disk or describe a new one) and move up/down buttons.
 */
export function BootDisksSection({ namespace }: { namespace: string }) {
  const t = useT();
  const headingId = useId();
  const subId = useId();
  const errId = useId();
  const {
    control,
    formState: { errors },
  } = useFormContext<VmFormValues>();
  const { fields, append, move, remove } = useFieldArray({ control, name: 'bootDisks' });
  const vmName = useWatch({ control, name: 'name' });
  const [adding, setAdding] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const addWrap = useRef<HTMLSpanElement>(null);
  // The dialog unmounts on close, so focus goes back to "Add" by hand.
  const closeDialog = () => {
    setAdding(false);
    requestAnimationFrame(() => addWrap.current?.querySelector('button')?.focus());
  };

  // Moving a row re-inserts its DOM node, which drops focus; put it back on the same button.
  const moveTo = (from: number, to: number, action: 'up' | 'down') => {
    flushSync(() => move(from, to));
    const row = listRef.current?.children[to];
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('button[data-move]') ?? [])];
    const wanted = buttons.find((b) => b.dataset.move === action);
    const target =
      wanted && wanted.getAttribute('aria-disabled') !== 'true'
        ? wanted
        : buttons.find((b) => b !== wanted);
    target?.focus();
  };

  const describe = (d: BootDiskValue) =>
    d.mode === 'new'
      ? d.sourceName
        ? t('vm-create.bootDisks.new', { source: d.sourceName })
        : t('vm-create.bootDisks.newBlank')
      : d.kind;

  const rootError = errors.bootDisks?.message ?? errors.bootDisks?.root?.message;

  return (
    <section className="vm-form-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="vm-form-legend">
        {t('vm-create.disks')}
      </h2>
      <div role="group" aria-labelledby={subId} aria-describedby={rootError ? errId : undefined}>
        <div className="vm-form-subhead">
          <h3 id={subId}>{t('vm-create.bootDisks')}</h3>
          <span ref={addWrap}>
            <Button size="sm" onClick={() => setAdding(true)}>
              {t('vm-create.add')}
            </Button>
          </span>
        </div>
        {fields.length === 0 ? (
          <p className="vm-form-muted">{t('vm-create.bootDisks.empty')}</p>
        ) : (
          <ol className="vm-form-disks" ref={listRef}>
            {fields.map((f, i) => (
              <li key={f.id} className="vm-form-disk">
                <span className="vm-form-disk-order">
                  {t('vm-create.bootDisks.order', { n: i + 1 })}
                </span>
                <span className="vm-form-disk-name">{f.name}</span>
                <span className="vm-form-muted">{describe(f)}</span>
                <span className="vm-form-disk-actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    data-move="up"
                    aria-label={t('vm-create.bootDisks.moveUp', { name: f.name })}
                    disabled={i === 0}
                    onClick={() => moveTo(i, i - 1, 'up')}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    data-move="down"
                    aria-label={t('vm-create.bootDisks.moveDown', { name: f.name })}
                    disabled={i === fields.length - 1}
                    onClick={() => moveTo(i, i + 1, 'down')}
                  >
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('vm-create.bootDisks.remove', { name: f.name })}
                    onClick={() => remove(i)}
                  >
                    ×
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        )}
        {rootError ? (
          <div id={errId} className="field-error" role="alert">
            {rootError}
          </div>
        ) : null}
      </div>
      <AddDiskDialog
        open={adding}
        namespace={namespace}
        vmName={vmName}
        taken={fields.map((f) => f.name)}
        onClose={closeDialog}
        onAdd={(d) => {
          append(d);
          closeDialog();
        }}
      />
    </section>
  );
}
