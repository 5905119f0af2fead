import type { KubeObject } from '@dvp/api';
import { ageColumn, nameColumn, phaseColumn } from '../../components/list/columns.tsx';
import type { Column } from '../../components/table/VirtualTable.tsx';
import type { Translate } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/messages/index.ts';
import { BUSY_PHASES, imageView, progressPercent } from './model.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { imageHref, type ImageScope } from './scope.ts';

const text = (v: string | undefined) => v || '—';

/** The image's progress: a live bar while it is being filled, the final figure after. */
export function progressCell(t: Translate, o: KubeObject) {
  const v = imageView(o);
  const pct = progressPercent(v.progress);
  if (pct === undefined) return '—';
  if (!BUSY_PHASES.has(v.phase ?? '')) return v.progress;
  return (
    <ProgressBar
      label={t('images.progress.label', { name: o.metadata.name ?? '' })}
      percent={pct}
      text={v.progress}
    />
  );
}

/**
 * The image list's columns (`kubectl get vi -o wide` plus format and storage): name, phase,
 * CDROM, progress, stored and unpacked size, format, storage (project images), age.
 */
export function imageColumns(
  t: Translate,
  locale: Locale,
  scope: ImageScope,
): Column<KubeObject>[] {
  const cols: Column<KubeObject>[] = [
    nameColumn(t, (o) => imageHref(scope, o.metadata.name ?? '')),
    phaseColumn(t),
    {
      id: 'cdrom',
      label: t('images.col.cdrom'),
      width: '80px',
      cell: (o) => {
        const cdrom = imageView(o).cdrom;
        return cdrom === undefined ? '—' : t(cdrom ? 'common.yes' : 'common.no');
      },
    },
    {
      id: 'progress',
      label: t('images.col.progress'),
      width: '170px',
      cell: (o) => progressCell(t, o),
    },
    {
      id: 'stored',
      label: t('images.col.stored'),
      width: '120px',
      cell: (o) => text(imageView(o).stored),
    },
    {
      id: 'unpacked',
      label: t('images.col.unpacked'),
      width: '130px',
      cell: (o) => text(imageView(o).unpacked),
    },
    {
      id: 'format',
      label: t('images.col.format'),
      width: '80px',
      cell: (o) => text(imageView(o).format),
    },
  ];
  if (!scope.cluster)
    cols.push({
      id: 'storage',
      label: t('images.col.storage'),
      width: '170px',
      cell: (o) => imageView(o).storage,
    });
  cols.push(ageColumn(t, locale));
  return cols;
}
