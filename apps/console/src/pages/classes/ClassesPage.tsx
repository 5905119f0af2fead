import type { KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { ageColumn, nameColumn, phaseColumn } from '../../components/list/columns.tsx';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import type { Column } from '../../components/table/VirtualTable.tsx';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { classSpec, classStatus, isDefaultClass } from './class-facts.ts';
import './classes.css';

function columns(t: Translate, base: Column<KubeObject>[]): Column<KubeObject>[] {
  const [name, phase, age] = base;
  if (!name || !phase || !age) return base;
  return [
    {
      ...name,
      cell: (o) => (
        <span className="cls-name-cell">
          <Link to={paths.class(o.metadata.name ?? '')}>{o.metadata.name}</Link>
          {isDefaultClass(o) ? <Badge tone="info">{t('classes.default')}</Badge> : null}
        </span>
      ),
    },
    phase,
    {
      id: 'cpuType',
      label: t('classes.col.cpuType'),
      width: '200px',
      cell: (o) => {
        const cpu = classSpec(o).cpu;
        return cpu?.model ? `${cpu.type} (${cpu.model})` : (cpu?.type ?? '—');
      },
    },
    {
      id: 'nodes',
      label: t('classes.col.nodes'),
      width: '90px',
      cell: (o) => {
        const nodes = classStatus(o).availableNodes;
        return nodes ? String(nodes.length) : '—';
      },
    },
    {
      id: 'policies',
      label: t('classes.col.policies'),
      width: '150px',
      cell: (o) => String(classSpec(o).sizingPolicies?.length ?? 0),
    },
    age,
  ];
}

/** "System" → "VM Classes": the cluster's classes, live, with a Create button for admins. */
export function ClassesPage() {
  const { t, locale } = useI18n();
  const title = t('nav.classes');
  useDocumentTitle(title);
  const can = useCan('create', 'virtualmachineclasses');
  const cols = useMemo(
    () => columns(t, [nameColumn(t), phaseColumn(t), ageColumn(t, locale)]),
    [t, locale],
  );
  return (
    <ResourceList
      resource="virtualmachineclasses"
      title={title}
      tableLabel={title}
      columns={cols}
      emptyText={t('classes.empty')}
      filters={{ searchLabel: t('classes.search') }}
      actions={
        can.allowed ? (
          <Link className="btn btn-primary btn-md" to={paths.classCreate()}>
            {t('classes.create')}
          </Link>
        ) : (
          <Button variant="primary" disabledReason={t(can.reason ?? 'common.forbidden')}>
            {t('classes.create')}
          </Button>
        )
      }
    />
  );
}
