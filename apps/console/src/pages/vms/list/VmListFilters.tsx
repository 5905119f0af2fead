import type { ListPage } from '@dvp/api';
import { useCallback } from 'react';
import { useDebounced, usePhaseLabel } from '../../../components/list/ListFilters.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import type { ListParams } from './use-list-params.ts';

/**
 * The list's filters: text search, label selector (its error from the BFF shown inline), and
 * phase and node facets with counts from the first page.
 */
export function VmListFilters({
  params,
  update,
  facets,
  selectorError,
}: {
  params: ListParams;
  update: (patch: Partial<ListParams>) => void;
  facets: ListPage<unknown>['facets'] | undefined;
  selectorError: string | undefined;
}) {
  const t = useT();
  const phaseLabel = usePhaseLabel();
  const commitQ = useCallback((v: string) => update({ q: v }), [update]);
  const commitLabels = useCallback((v: string) => update({ labels: v }), [update]);
  const [q, setQ] = useDebounced(params.q, commitQ);
  const [labels, setLabels] = useDebounced(params.labels, commitLabels, 500);
  const filtered =
    !!params.q || !!params.labels || params.phases.length > 0 || params.nodes.length > 0;
  return (
    <div className="vm-filters">
      <div className="vm-filter-inputs">
        <TextInput
          type="search"
          label={t('vm-list.filter.q')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <TextInput
          label={t('vm-list.filter.labels')}
          hint={t('vm-list.filter.labelsHint')}
          value={labels}
          error={selectorError}
          onChange={(e) => setLabels(e.target.value)}
        />
        {filtered ? (
          <Button size="sm" onClick={() => update({ q: '', labels: '', phases: [], nodes: [] })}>
            {t('vm-list.filter.clear')}
          </Button>
        ) : null}
      </div>
      <Facet
        legend={t('vm-list.filter.phase')}
        counts={facets?.phase ?? {}}
        chosen={params.phases}
        onChange={(phases) => update({ phases })}
        labelOf={phaseLabel}
      />
      <Facet
        legend={t('vm-list.filter.node')}
        counts={facets?.node ?? {}}
        chosen={params.nodes}
        onChange={(nodes) => update({ nodes })}
        labelOf={(v) => v}
      />
    </div>
  );
}

function Facet({
  legend,
  counts,
  chosen,
  onChange,
  labelOf,
}: {
  legend: string;
  counts: Record<string, number>;
  chosen: string[];
  onChange: (values: string[]) => void;
  labelOf: (value: string) => string;
}) {
  const t = useT();
  const values = [...new Set([...Object.keys(counts), ...chosen])].sort();
  if (values.length === 0) return null;
  return (
    <fieldset className="vm-facet">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="vm-facet-item">
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))
            }
          />
          {t('vm-list.filter.facet', { value: labelOf(v), count: counts[v] ?? 0 })}
        </label>
      ))}
    </fieldset>
  );
}
