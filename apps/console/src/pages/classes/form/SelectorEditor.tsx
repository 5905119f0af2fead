import {
  labelSelectorFromObject,
  validateLabelValue,
  validateQualifiedName,
  type KubeObject,
} from '@dvp/api';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import { expressionText } from '../selector-text.ts';
import { OPERATORS, selectorOf, type ExpressionValues, type Operator } from './model.ts';

interface Draft {
  key: string;
  operator: Operator;
  values: string;
}

const EMPTY: Draft = { key: '', operator: 'In', values: '' };

function splitValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * "Labels and expressions": the rows of a node selector, each added through the "Key",
 * "Operator", "Value" pop-up and its "Enter" button (seed 002), with how many nodes match.
 */
export function SelectorEditor({
  title,
  rows,
  onChange,
  nodes,
  labels,
  error,
  disabled,
  headingLevel = 3,
}: {
  /** The block's name ("VM scheduling conditions on nodes"), for the dialog and buttons. */
  title: string;
  rows: readonly ExpressionValues[];
  onChange: (rows: ExpressionValues[]) => void;
  nodes: readonly KubeObject[];
  labels: Map<string, Set<string>>;
  error?: string | undefined;
  disabled?: boolean;
  headingLevel?: 3 | 4;
}) {
  const { t } = useI18n();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const id = useId();
  const [draft, setDraft] = useState<Draft>();
  const [tried, setTried] = useState(false);
  const matched = useMemo(() => {
    const sel = selectorOf(rows);
    if (!sel) return nodes.length;
    try {
      const m = labelSelectorFromObject(sel);
      return nodes.filter((n) => m.matches(n.metadata.labels)).length;
    } catch {
      return 0;
    }
  }, [rows, nodes]);

  const valued = draft?.operator === 'In' || draft?.operator === 'NotIn';
  const values = draft ? splitValues(draft.values) : [];
  const keyError = draft
    ? draft.key.trim()
      ? validateQualifiedName(draft.key.trim())[0]
      : t('classes.err.required')
    : undefined;
  const badValue = values.find((v) => validateLabelValue(v).length > 0);
  const valueError = !valued
    ? undefined
    : values.length === 0
      ? t('classes.err.required')
      : badValue !== undefined
        ? t('classes.err.value', { value: badValue })
        : undefined;

  const close = () => {
    setDraft(undefined);
    setTried(false);
  };
  const enter = () => {
    if (!draft) return;
    setTried(true);
    if (keyError || valueError) return;
    onChange([
      ...rows,
      { key: draft.key.trim(), operator: draft.operator, values: valued ? values : [] },
    ]);
    close();
  };
  // Enter in a field confirms the row (and never submits the page's form around the dialog).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      enter();
    }
  };
  const suggestions = [...labels.keys()].sort();
  const valueSuggestions = draft ? [...(labels.get(draft.key.trim()) ?? [])].sort() : [];

  return (
    <div
      className={`cls-selector${error ? ' field-invalid' : ''}`}
      role="group"
      aria-labelledby={`${id}-title`}
    >
      <Heading id={`${id}-title`} className="cls-selector-title">
        {t('classes.selector.title')}
      </Heading>
      {rows.length === 0 ? (
        <p className="cls-muted">{t('classes.selector.none')}</p>
      ) : (
        <ul className="cls-expressions">
          {rows.map((r, i) => (
            <li key={`${r.key}-${i}`}>
              <code>{expressionText(r)}</code>
              {disabled ? null : (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('classes.selector.remove', { expression: expressionText(r) })}
                  onClick={() => onChange(rows.filter((_, k) => k !== i))}
                >
                  ×
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="cls-muted" aria-live="polite">
        {t('classes.selector.matches', { matched, total: nodes.length })}
      </p>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
      {disabled ? null : (
        <Button size="sm" onClick={() => setDraft(EMPTY)}>
          {t('classes.selector.add')}
        </Button>
      )}
      <Dialog
        open={!!draft}
        title={`${title}: ${t('classes.selector.dialog')}`}
        closeLabel={t('common.close')}
        onClose={close}
        size="sm"
        footer={
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button variant="primary" onClick={enter}>
              {t('classes.selector.enter')}
            </Button>
          </>
        }
      >
        {draft ? (
          // Keys are handled for the inputs inside (Enter confirms); the fields stay focusable.
          // eslint-disable-next-line jsx-a11y/no-static-element-interactions
          <div className="cls-selector-dialog" onKeyDown={onKeyDown}>
            <TextInput
              label={t('classes.selector.key')}
              required
              // The dialog opens to type the key (showModal focuses the autofocus element).
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
              autoComplete="off"
              spellCheck={false}
              list={`${id}-keys`}
              value={draft.key}
              error={tried ? keyError : undefined}
              onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            />
            <datalist id={`${id}-keys`}>
              {suggestions.map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
            <SelectInput
              label={t('classes.selector.operator')}
              value={draft.operator}
              options={OPERATORS.map((o) => ({ value: o, label: o }))}
              onChange={(e) => setDraft({ ...draft, operator: e.target.value as Operator })}
            />
            {valued ? (
              <>
                <TextInput
                  label={t('classes.selector.value')}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  list={`${id}-values`}
                  hint={t('classes.selector.valueHint')}
                  value={draft.values}
                  error={tried ? valueError : undefined}
                  onChange={(e) => setDraft({ ...draft, values: e.target.value })}
                />
                <datalist id={`${id}-values`}>
                  {valueSuggestions.map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              </>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
