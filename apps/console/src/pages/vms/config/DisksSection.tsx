import type { VirtualDisk, VmDetail } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useWatch } from '../../../api/watch.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { AdditionalDisks } from './AdditionalDisks.tsx';
import { BootDisks } from './BootDisks.tsx';
import { vmDiskNames } from './detail-values.ts';
import { nameOf } from './values.ts';

/** "Disks and Images": "Boot Disks" and "Additional Disks" (seed 000). */
export function DisksSection({ detail }: { detail: VmDetail }) {
  const t = useT();
  const namespace = detail.vm.metadata.namespace ?? '';
  useWatch(`virtualdisks/${namespace}`);
  useWatch(`virtualmachineblockdeviceattachments/${namespace}`);
  const disks = useQuery(
    q(api.resourceList, { namespace, resource: 'virtualdisks' }, { limit: 500 }),
  );
  const used = new Set(vmDiskNames(detail));
  const all = (disks.data?.items ?? []).map((o) => o as unknown as VirtualDisk);
  // The live list (watched) reports a resize as soon as the disk does; the detail may lag.
  const capacities = new Map(
    all
      .filter((d) => used.has(nameOf(d)) && d.status?.capacity)
      .map((d) => [nameOf(d), String(d.status?.capacity)]),
  );
  // Disks another VM holds are left out; the cluster still decides (a disk is single-attach).
  const freeDisks = all
    .filter(
      (d) =>
        !used.has(nameOf(d)) &&
        (d.status?.attachedToVirtualMachines ?? []).length === 0 &&
        d.metadata.deletionTimestamp === undefined,
    )
    .map((d) => nameOf(d))
    .sort();
  return (
    <section className="config-section" aria-labelledby="cfg-disks">
      <h2 id="cfg-disks">{t('vm-config.section.disks')}</h2>
      <BootDisks detail={detail} freeDisks={freeDisks} capacities={capacities} />
      <AdditionalDisks detail={detail} freeDisks={freeDisks} capacities={capacities} />
    </section>
  );
}
