import type { VmRow } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import { q } from '../api/query.ts';
import { useCan } from '../api/session.tsx';
import { useT } from '../i18n/i18n.tsx';
import { toast } from '../stores/toast.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SelectInput, Switch } from '../ui/Field.tsx';

/**
 * The Migrate dialog: explains live migration, lets the user pick a target node (when nodes are
 * readable; otherwise the scheduler picks) and opt into AutoConverge (`force`: the DVP controller
 * throttles the guest CPU so a busy VM's migration converges). Submits a Migrate VMOP.
 */
export function MigrateDialog({
  vm,
  open,
  onClose,
}: {
  vm: VmRow;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const canNodes = useCan('list', 'nodes');
  const nodes = useQuery({
    ...q(api.clusterResourceList, { resource: 'nodes' }),
    enabled: open && canNodes.allowed,
  });
  const [target, setTarget] = useState('');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);

  const nodeNames = (nodes.data?.items ?? [])
    .map((n) => n.metadata.name ?? '')
    .filter((n) => n && n !== vm.node)
    .sort();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await call(api.vmAction, {
        // As the seeds do it: an Evict operation lets the scheduler pick the node; a chosen
        // target node needs a Migrate operation (the only type that carries one).
        params: { namespace: vm.namespace, name: vm.name, action: target ? 'migrate' : 'evict' },
        body: {
          ...(force ? { force: true } : {}),
          ...(target ? { targetNodeName: target } : {}),
        },
      });
      toast('success', t('vm-list.done.migrate', { name: vm.name }));
      onClose();
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const formId = `migrate-${vm.uid}`;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('vm-list.migrate.title', { name: vm.name })}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={busy}>
            {t('vm-list.migrate.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="vm-migrate-form">
        <p>{t('vm-list.migrate.intro')}</p>
        <p>{t('vm-list.migrate.current', { node: vm.node ?? '—' })}</p>
        {canNodes.allowed ? (
          <SelectInput
            label={t('vm-list.migrate.target')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            // The nodes load when the dialog opens; until then only the scheduler's choice.
            aria-busy={nodes.isPending || undefined}
            hint={
              nodes.isPending
                ? t('common.loading')
                : nodes.isError
                  ? errorText(t, nodes.error)
                  : undefined
            }
            options={[
              { value: '', label: t('vm-list.migrate.anyNode') },
              ...nodeNames.map((n) => ({ value: n, label: n })),
            ]}
          />
        ) : (
          <p className="field-hint">{t('vm-list.migrate.nodesUnreadable')}</p>
        )}
        <Switch
          label={t('vm-list.migrate.force')}
          checked={force}
          onChange={setForce}
          hint={t('vm-list.migrate.forceHint')}
        />
      </form>
    </Dialog>
  );
}
