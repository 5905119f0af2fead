import type { ListPage } from '@dvp/api';
import { useCallback, useEffect, useState } from 'react';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextInput } from '../../ui/Field.tsx';
import type { ResourceListParams } from './use-list-params.ts';

/** A text input whose value reaches `onCommit` after the user pauses typing. */
export function useDebounced(value: string, onCommit: (v: string) => void, ms = 300) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed under us (back/forward, "Clear filters"): show it.
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const id = setTimeout(() => onCommit(draft), ms);
    return () => clearTimeout(id);
  }, [draft, value, onCommit, ms]);
  return [draft, setDraft] as const;
}

/** The phase's words ("Ready" → "Готов"), or the phase itself when the catalogue has none. */
export function usePhaseLabel(): (phase: string) => string {
  const t = useT();
  return useCallback(
    (v: string) => {
      const text = t(`phase.${v}` as MessageKey);
      return text === `phase.${v}` ? v : text;
    },
    [t],
  );
}

/**
 * A list's filters: text search, label selector (its error from the BFF shown inline) and a
 * phase facet with counts from the first page.
 */
export function ListFilters({
  params,
  update,
  facets,
  selectorError,
  searchLabel,
  labels: showLabels = true,
  phase: showPhase = true,
}: {
  params: ResourceListParams;
  update: (patch: Partial<ResourceListParams>) => void;
  facets: ListPage<unknown>['facets'] | undefined;
  selectorError: string | undefined;
  searchLabel?: string;
  labels?: boolean;
  phase?: boolean;
}) {
  const t = useT();
  const phaseLabel = usePhaseLabel();
  const commitQ = useCallback((v: string) => update({ q: v }), [update]);
  const commitLabels = useCallback((v: string) => update({ labels: v }), [update]);
  const [q, setQ] = useDebounced(params.q, commitQ);
  const [labels, setLabels] = useDebounced(params.labels, commitLabels, 500);
  const filtered = !!params.q || !!params.labels || params.phases.length > 0;
  const phases = [...new Set([...Object.keys(facets?.phase ?? {}), ...params.phases])].sort();
  return (
    <div className="rl-filters">
      <div className="rl-filter-inputs">
        <TextInput
          type="search"
          label={searchLabel ?? t('list.filter.q')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {showLabels ? (
          <TextInput
            label={t('list.filter.labels')}
            hint={t('list.filter.labelsHint')}
            value={labels}
            error={selectorError}
            onChange={(e) => setLabels(e.target.value)}
          />
        ) : null}
        {filtered ? (
          <Button size="sm" onClick={() => update({ q: '', labels: '', phases: [] })}>
            {t('list.filter.clear')}
          </Button>
        ) : null}
      </div>
      {showPhase && phases.length > 0 ? (
        <fieldset className="rl-facet">
          <legend>{t('list.filter.phase')}</legend>
          {phases.map((v) => (
            <label key={v} className="rl-facet-item">
              <input
                type="checkbox"
                checked={params.phases.includes(v)}
                onChange={(e) =>
                  update({
                    phases: e.target.checked
                      ? [...params.phases, v]
                      : params.phases.filter((c) => c !== v),
                  })
                }
              />
              {t('list.filter.facet', { value: phaseLabel(v), count: facets?.phase[v] ?? 0 })}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
