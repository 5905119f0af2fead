import { useSearchParams } from 'react-router';
import { CreateDiskSnapshotDialog } from '../../snapshots/disk/CreateDiskSnapshotDialog.tsx';
import { CreateDiskDialog } from '../create/CreateDiskDialog.tsx';
import { sourceFromParam } from '../create/model.ts';
import { useProjectObject } from '../data.ts';
import { DeleteDiskDialog } from './DeleteDiskDialog.tsx';
import { ResizeDiskDialog } from './ResizeDiskDialog.tsx';
import { useDiskDialogParam } from './use-dialog-param.ts';

/** Whichever disk dialog the URL names (list and disk page alike). */
export function DiskDialogs({
  namespace,
  onDeleted,
}: {
  namespace: string;
  /** After a delete (the disk page leaves for the list). */
  onDeleted?: () => void;
}) {
  const [open, , close] = useDiskDialogParam();
  const [search] = useSearchParams();
  const diskName = open && open.kind !== 'create' ? open.value : '';
  const disk = useProjectObject(namespace, 'virtualdisks', diskName);
  if (!open) return null;
  if (open.kind === 'create')
    return (
      <CreateDiskDialog
        namespace={namespace}
        onClose={close}
        initialSource={sourceFromParam(search.get('source'))}
      />
    );
  if (open.kind === 'snapshot')
    return <CreateDiskSnapshotDialog namespace={namespace} disk={diskName} onClose={close} />;
  const d = disk.data;
  if (!d) return null;
  if (open.kind === 'resize') return <ResizeDiskDialog disk={d} onClose={close} />;
  return (
    <DeleteDiskDialog
      disk={d}
      onClose={close}
      onDeleted={() => {
        close();
        onDeleted?.();
      }}
    />
  );
}
