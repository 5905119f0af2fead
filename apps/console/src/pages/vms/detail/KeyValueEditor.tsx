import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { keyError, valueError, type MapKind, type StringMap } from './meta-edit.ts';

/**
 * Key/value rows of labels or annotations: values editable in place, rows removable, and
 * "Add" opens a Key/Value pair that Enter confirms (as the seeds describe).
 */
export function KeyValueEditor({
  kind,
  value,
  onChange,
}: {
  kind: MapKind;
  value: StringMap;
  onChange: (next: StringMap) => void;
}) {
  const t = useT();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const [key, setKey] = useState('');
  const [val, setVal] = useState('');
  const [errors, setErrors] = useState<{ key?: string; value?: string }>({});
  const keyRef = useRef<HTMLInputElement>(null);
  const title = t(kind === 'labels' ? 'vm-detail.meta.labels' : 'vm-detail.meta.annotations');
  const entries = Object.entries(value);

  const confirm = () => {
    const k = key.trim();
    const ke = keyError(k, value);
    const ve = valueError(kind, val);
    if (ke || ve) {
      setErrors({
        ...(ke ? { key: t(`vm-detail.meta.${ke}` as MessageKey) } : {}),
        ...(ve ? { value: t(`vm-detail.meta.${ve}`) } : {}),
      });
      return;
    }
    onChange({ ...value, [k]: val });
    setKey('');
    setVal('');
    setErrors({});
    // The pair stays open for the next key; focus returns to its Key field.
    keyRef.current?.focus();
  };
  useEffect(() => {
    if (adding) keyRef.current?.focus();
  }, [adding]);
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      confirm();
    } else if (e.key === 'Escape') {
      setAdding(false);
      setErrors({});
    }
  };
  const remove = (k: string) => {
    const next = { ...value };
    delete next[k];
    onChange(next);
  };

  return (
    <section className="vm-section vm-kv" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {entries.length === 0 ? (
        <p className="vm-muted">
          {t(kind === 'labels' ? 'vm-detail.meta.noLabels' : 'vm-detail.meta.noAnnotations')}
        </p>
      ) : (
        <ul className="vm-kv-rows">
          {entries.map(([k, v]) => {
            const err = valueError(kind, v);
            return (
              <li key={k} className="vm-kv-row">
                <code className="vm-kv-key">{k}</code>
                <span className="vm-kv-value">
                  <input
                    className="input"
                    aria-label={t('vm-detail.meta.valueOf', { key: k })}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${headingId}-${k}-err` : undefined}
                    value={v}
                    onChange={(e) => onChange({ ...value, [k]: e.target.value })}
                  />
                  {err ? (
                    <span id={`${headingId}-${k}-err`} className="field-error" role="alert">
                      {t(`vm-detail.meta.${err}`)}
                    </span>
                  ) : null}
                </span>
                <Button size="sm" variant="ghost" onClick={() => remove(k)}>
                  {t('vm-detail.meta.remove', { key: k })}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <div className="vm-kv-new" role="group" aria-label={title}>
          <TextInput
            ref={keyRef}
            label={t('vm-detail.meta.key')}
            value={key}
            error={errors.key}
            autoComplete="off"
            onChange={(e) => setKey(e.target.value)}
            onKeyDown={onEnter}
          />
          <TextInput
            label={t('vm-detail.meta.value')}
            value={val}
            error={errors.value}
            hint={t('vm-detail.meta.enterHint')}
            autoComplete="off"
            onChange={(e) => setVal(e.target.value)}
            onKeyDown={onEnter}
          />
          <Button size="sm" onClick={confirm}>
            {t('vm-detail.meta.confirm')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setAdding(false);
              setErrors({});
            }}
          >
            {t('common.cancel')}
          </Button>
        </div>
      ) : (
        <Button size="sm" onClick={() => setAdding(true)}>
          {t('vm-detail.meta.add')}
        </Button>
      )}
    </section>
  );
}
