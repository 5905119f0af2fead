import { useId } from 'react';
import type { KubeObject } from '@dvp/api';
import { useT } from '../../../i18n/i18n.tsx';
import { SOURCE_KINDS, type SourceKind } from './model.ts';

type Lists = Record<Exclude<SourceKind, 'blank'>, { items: KubeObject[]; pending: boolean }>;

const KIND_LABEL = {
  VirtualImage: 'disks.create.source.project',
  ClusterVirtualImage: 'disks.create.source.cluster',
  VirtualDiskSnapshot: 'disks.create.source.snapshot',
  blank: 'disks.create.source.blank',
} as const;

const isCdrom = (o: KubeObject) => (o.status as { cdrom?: boolean } | undefined)?.cdrom === true;
const phase = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase;

/**
 * "Source": the seed's "Project" (project images) and "Cluster" (cluster images) choices, a disk
 * snapshot, or a blank disk; then the image or snapshot itself. ISO images cannot back a disk
 * (seed 004), so they are listed but disabled.
 */
export function SourceField({
  kind,
  name,
  error,
  lists,
  onChange,
}: {
  kind: SourceKind;
  name: string;
  error: string | undefined;
  lists: Lists;
  onChange: (kind: SourceKind, name: string) => void;
}) {
  const t = useT();
  const id = useId();
  const list = kind === 'blank' ? undefined : lists[kind];
  const selectLabel =
    kind === 'VirtualDiskSnapshot' ? t('disks.create.snapshot') : t('disks.create.image');
  return (
    <fieldset className="disk-source">
      <legend className="field-label">{t('disks.create.source')}</legend>
      <div className="disk-source-kinds">
        {SOURCE_KINDS.map((k) => (
          <label key={k} className="disk-radio">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => onChange(k, '')}
            />
            {t(KIND_LABEL[k])}
          </label>
        ))}
      </div>
      {list ? (
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-name`} className="field-label">
            {selectLabel}
            <span aria-hidden="true"> *</span>
          </label>
          <select
            id={`${id}-name`}
            className="input"
            value={name}
            aria-required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => onChange(kind, e.target.value)}
          >
            <option value="">
              {list.pending
                ? t('common.loading')
                : list.items.length
                  ? t('disks.create.choose')
                  : t('disks.create.noneOfKind')}
            </option>
            {list.items.map((o) => {
              const n = o.metadata.name ?? '';
              const cdrom = kind !== 'VirtualDiskSnapshot' && isCdrom(o);
              const p = phase(o);
              return (
                <option key={n} value={n} disabled={cdrom}>
                  {cdrom
                    ? t('disks.create.isoOption', { name: n })
                    : p && p !== 'Ready'
                      ? `${n} (${p})`
                      : n}
                </option>
              );
            })}
          </select>
          {error ? (
            <div id={`${id}-err`} className="field-error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
