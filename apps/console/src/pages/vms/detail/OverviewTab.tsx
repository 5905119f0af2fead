import { cpuTopology, type VmDetail } from '@dvp/api';
import type { ReactNode } from 'react';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { formatQuantity } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { guestOsField, guestOsName } from './guest-os.ts';
import { MigrationSection } from './MigrationSection.tsx';
import { Facts, Section } from './parts.tsx';

function GuestOs({ detail }: { detail: VmDetail }) {
  const { t } = useI18n();
  const info = detail.vm.status?.guestOSInfo;
  const name = guestOsName(info);
  return (
    <Section id="vm-ov-guest" title={t('vm-detail.guestOs')}>
      {name ? (
        <Facts
          items={[
            [t('vm-detail.ov.guestName'), name],
            [t('vm-detail.ov.guestKernel'), guestOsField(info, 'kernelRelease') || '—'],
            [t('vm-detail.ov.guestHost'), guestOsField(info, 'hostname') || '—'],
          ]}
        />
      ) : (
        <p className="vm-muted">{t('vm-detail.ov.guestNone')}</p>
      )}
    </Section>
  );
}

function Resources({ detail }: { detail: VmDetail }) {
  const { t, locale } = useI18n();
  const { vm } = detail;
  const cpu = vm.status?.resources?.cpu;
  const cores = cpu?.cores ?? vm.spec.cpu.cores;
  const computed = cpuTopology(cores);
  const topo = cpu?.topology ?? (computed.ok ? computed.topology : undefined);
  return (
    <Section id="vm-ov-resources" title={t('vm-detail.ov.resources')}>
      <Facts
        items={[
          [t('vm-detail.ov.cores'), String(cores)],
          [
            t('vm-detail.ov.topology'),
            topo
              ? t('vm-detail.ov.topologyValue', {
                  sockets: topo.sockets,
                  perSocket: topo.coresPerSocket,
                })
              : '—',
          ],
          [t('vm-detail.ov.coreFraction'), cpu?.coreFraction ?? vm.spec.cpu.coreFraction ?? '—'],
          [
            t('vm-detail.ov.memory'),
            formatQuantity(
              locale,
              String(vm.status?.resources?.memory?.size ?? vm.spec.memory.size),
            ),
          ],
        ]}
      />
    </Section>
  );
}

function ClassAndNetwork({ detail }: { detail: VmDetail }) {
  const { t } = useI18n();
  const { vm, sizing } = detail;
  const classHidden = detail.forbidden.includes('virtualmachineclasses');
  let sizingText: ReactNode = t('vm-detail.ov.sizingNone');
  if (classHidden) sizingText = t('vm-detail.notAvailable');
  else if (sizing && !sizing.ok)
    sizingText = (
      <>
        {t('vm-detail.ov.sizingBad')}
        <ul>
          {sizing.violations.map((v) => (
            <li key={v.field + v.message}>
              <code>{v.field}</code>: {v.message}
            </li>
          ))}
        </ul>
      </>
    );
  else if (sizing?.policy) sizingText = t('vm-detail.ov.sizingOk');
  const ipName = vm.status?.virtualMachineIPAddressName ?? detail.ipAddress?.metadata.name;
  return (
    <>
      <Section id="vm-ov-network" title={t('vm-detail.ov.network')}>
        <Facts
          items={[
            [t('vm-detail.ip'), vm.status?.ipAddress || detail.row.ipAddress || '—'],
            [t('vm-detail.ov.ipObject'), ipName || '—'],
          ]}
        />
      </Section>
      <Section id="vm-ov-class" title={t('vm-detail.ov.class')}>
        <Facts
          items={[
            [t('vm-detail.ov.class'), vm.spec.virtualMachineClassName],
            [t('vm-detail.ov.sizing'), sizingText],
          ]}
        />
      </Section>
    </>
  );
}

function Disks({ detail }: { detail: VmDetail }) {
  const { t, locale } = useI18n();
  const { vm } = detail;
  const refs = vm.status?.blockDeviceRefs?.length
    ? vm.status.blockDeviceRefs
    : vm.spec.blockDeviceRefs.map((r) => ({ ...r, size: '' }));
  const hidden = detail.forbidden.includes('virtualdisks');
  const phaseOf = (kind: string, name: string): string | undefined => {
    const list = kind === 'VirtualDisk' ? detail.disks : detail.images;
    const found = list.find((o) => o.metadata.name === name && o.kind === kind);
    return found?.status?.phase;
  };
  return (
    <Section id="vm-ov-disks" title={t('vm-detail.ov.disks')}>
      {refs.length === 0 ? (
        <p className="vm-muted">{t('vm-detail.ov.noDisks')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('vm-detail.ov.kind')}</th>
              <th scope="col">{t('vm-detail.ov.size')}</th>
              <th scope="col">{t('common.phase')}</th>
            </tr>
          </thead>
          <tbody>
            {refs.map((r) => {
              const phase = phaseOf(r.kind, r.name);
              return (
                <tr key={`${r.kind}/${r.name}`}>
                  <td>{r.name}</td>
                  <td>{r.kind}</td>
                  <td>{r.size ? formatQuantity(locale, r.size) : '—'}</td>
                  <td>
                    {phase ? (
                      <PhaseBadge phase={phase} />
                    ) : hidden ? (
                      t('vm-detail.notAvailable')
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Overview: diagnostics, guest OS, resources, network, class and sizing, disks, migration. */
export function OverviewTab({ detail }: { detail: VmDetail }) {
  return (
    <div className="vm-overview">
      <Diagnostics detail={detail} />
      <MigrationSection detail={detail} />
      <div className="vm-overview-grid">
        <GuestOs detail={detail} />
        <Resources detail={detail} />
        <ClassAndNetwork detail={detail} />
      </div>
      <Disks detail={detail} />
    </div>
  );
}
