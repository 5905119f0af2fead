import type { KubeObject } from '@dvp/api';
import { Link } from 'react-router';
import { formatAge } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/messages/index.ts';
import { PhaseBadge } from '../PhaseBadge.tsx';
import type { Column } from '../table/VirtualTable.tsx';

/** `status.phase` of any object, if it has one. */
export const phaseOf = (o: KubeObject): string | undefined =>
  (o.status as { phase?: string } | undefined)?.phase;

/** The name column, linking to the object's page when `hrefOf` is given. Sort key `name`. */
export function nameColumn(t: Translate, hrefOf?: (o: KubeObject) => string): Column<KubeObject> {
  return {
    id: 'name',
    label: t('common.name'),
    sort: 'name',
    width: '24%',
    cell: (o) => (hrefOf ? <Link to={hrefOf(o)}>{o.metadata.name}</Link> : (o.metadata.name ?? '')),
  };
}

/** The phase column (a badge). Sort key `phase`. */
export function phaseColumn(t: Translate): Column<KubeObject> {
  return {
    id: 'phase',
    label: t('common.phase'),
    sort: 'phase',
    width: '150px',
    cell: (o) => {
      const phase = phaseOf(o);
      return phase ? <PhaseBadge phase={phase} /> : '—';
    },
  };
}

/** The age column. Sort key `age` (ascending = newest first). */
export function ageColumn(t: Translate, locale: Locale): Column<KubeObject> {
  return {
    id: 'age',
    label: t('common.age'),
    sort: 'age',
    width: '90px',
    cell: (o) => formatAge(locale, o.metadata.creationTimestamp),
  };
}
