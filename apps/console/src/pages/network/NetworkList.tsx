import type { KubeObject } from '@dvp/api';
import type { ReactNode } from 'react';
import { useCan } from '../../api/session.tsx';
import { useDocumentTitle } from '../../app/title.ts';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import type { Column } from '../../components/table/VirtualTable.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { DeleteObjectDialog } from './DeleteObjectDialog.tsx';
import { useDialogParam } from './dialog-param.ts';
import './network.css';

/**
 * A Network list page (Services, Ingresses): the project's objects, a Create button (disabled with
 * the reason when forbidden) opening `?create=<createValue>`, and Delete from the row menus
 * (`?delete=<name>`).
 */
export function NetworkList({
  resource,
  project,
  title,
  tableLabel,
  columns,
  createLabel,
  createValue,
  createParams,
  createDialog,
  intro,
  emptyText,
}: {
  resource: 'services' | 'ingresses';
  project: string;
  title: string;
  tableLabel: string;
  columns: Column<KubeObject>[];
  createLabel: string;
  createValue: string;
  /** Other params the create dialog reads (a preselection), dropped with it on close. */
  createParams?: readonly string[];
  createDialog: (close: () => void) => ReactNode;
  intro: string;
  emptyText: string;
}) {
  const t = useT();
  useDocumentTitle(title, project);
  const can = useCan('create', resource, project);
  const [create, openCreate, closeCreate] = useDialogParam('create', createParams);
  const [del, , closeDelete] = useDialogParam('delete');
  return (
    <ResourceList
      resource={resource}
      namespace={project}
      title={title}
      tableLabel={tableLabel}
      columns={columns}
      filters={{ phase: false }}
      actions={
        <Button
          variant="primary"
          disabledReason={can.allowed ? undefined : t(can.reason ?? 'common.forbidden')}
          onClick={() => openCreate(createValue)}
        >
          {createLabel}
        </Button>
      }
      intro={<p className="net-intro">{intro}</p>}
      emptyText={emptyText}
    >
      {create === createValue ? createDialog(closeCreate) : null}
      {del ? (
        <DeleteObjectDialog
          namespace={project}
          resource={resource}
          name={del}
          onClose={closeDelete}
        />
      ) : null}
    </ResourceList>
  );
}
