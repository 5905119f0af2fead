import type { KubeObject } from '@dvp/api';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn, phaseColumn } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { formatQuantity } from '../../../i18n/format.ts';
import type { Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { attachedVmsOf, capacityOf, storageClassOf } from '../model.ts';
import { DiskRowMenu } from './DiskRowMenu.tsx';

/**
 * Capacities repeat across thousands of disks; formatting each anew (a number formatter per
 * call) is the costliest part of scrolling, so the texts are kept per locale.
 */
const capacityTexts = new Map<string, string>();
function capacityText(locale: Locale, q: string | undefined): string {
  const key = `${locale}|${q ?? ''}`;
  let text = capacityTexts.get(key);
  if (text === undefined) {
    text = formatQuantity(locale, q);
    if (capacityTexts.size > 5000) capacityTexts.clear();
    capacityTexts.set(key, text);
  }
  return text;
}

/** The disk list's columns (cells read only their row, so rows stay memoized). */
export function diskColumns(t: Translate, locale: Locale, project: string): Column<KubeObject>[] {
  return [
    nameColumn(t, (o) => paths.disk(project, o.metadata.name ?? '')),
    phaseColumn(t),
    {
      id: 'capacity',
      label: t('disks.col.capacity'),
      width: '110px',
      cell: (o) => capacityText(locale, capacityOf(o)),
    },
    {
      id: 'storageClass',
      label: t('disks.col.storageClass'),
      width: '16%',
      cell: (o) => storageClassOf(o) ?? '—',
    },
    {
      id: 'vm',
      label: t('disks.col.vm'),
      width: '20%',
      cell: (o) => {
        const vms = attachedVmsOf(o);
        if (!vms.length) return '—';
        return vms.map((vm, i) => (
          <span key={vm}>
            {i > 0 ? ', ' : null}
            <Link to={paths.vm(project, vm)}>{vm}</Link>
          </span>
        ));
      },
    },
    ageColumn(t, locale),
    {
      id: 'actions',
      // A row menu: mounted afresh per object (it may be open).
      ownState: true,
      label: t('list.actions'),
      hiddenLabel: true,
      width: '56px',
      cell: (o) => (
        <div className="vt-overflow">
          <DiskRowMenu disk={o} />
        </div>
      ),
    },
  ];
}
