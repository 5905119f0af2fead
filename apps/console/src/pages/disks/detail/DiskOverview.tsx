import type { KubeObject } from '@dvp/api';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { formatDateTime, formatQuantity } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Facts, Section } from '../../vms/detail/parts.tsx';
import {
  attachedVmsOf,
  capacityOf,
  requestedSizeOf,
  sourceOf,
  statusOf,
  storageClassOf,
  type DiskSource,
} from '../model.ts';
import { Conditions } from './Conditions.tsx';
import { DiskSnapshots } from './DiskSnapshots.tsx';

function SourceText({ source, project }: { source: DiskSource; project: string }) {
  const { t } = useI18n();
  switch (source.type) {
    case 'blank':
      return <>{t('disks.source.blank')}</>;
    case 'HTTP':
      return <>{t('disks.source.http', { url: source.url })}</>;
    case 'ContainerImage':
      return <>{t('disks.source.containerImage', { image: source.image })}</>;
    case 'Upload':
      return <>{t('disks.source.upload')}</>;
    default: {
      const href =
        source.kind === 'VirtualImage'
          ? paths.image(project, source.name)
          : source.kind === 'ClusterVirtualImage'
            ? paths.clusterImage(source.name)
            : paths.diskSnapshot(project, source.name);
      return (
        <>
          {source.kind} <Link to={href}>{source.name}</Link>
        </>
      );
    }
  }
}

/** The disk's facts, a WaitForFirstConsumer explanation, conditions and snapshots. */
export function DiskOverview({ disk }: { disk: KubeObject }) {
  const { t, locale } = useI18n();
  const project = disk.metadata.namespace ?? '';
  const st = statusOf(disk);
  const vms = attachedVmsOf(disk);
  const cap = capacityOf(disk);
  const req = requestedSizeOf(disk);
  return (
    <div className="disk-overview">
      {st.phase === 'WaitForFirstConsumer' ? (
        <p className="banner banner-info" role="status">
          {t('disks.wffc.detail')}
        </p>
      ) : null}
      <Section id="disk-facts" title={t('disks.facts')}>
        <Facts
          items={[
            [t('common.phase'), st.phase ?? '—'],
            [t('disks.col.capacity'), cap ? `${cap} (${formatQuantity(locale, cap)})` : '—'],
            [t('disks.requested'), req ?? t('disks.requestedSource')],
            [t('disks.col.storageClass'), storageClassOf(disk) ?? t('disks.defaultClass')],
            [
              t('disks.dataSource'),
              <SourceText key="s" source={sourceOf(disk)} project={project} />,
            ],
            [
              t('disks.col.vm'),
              vms.length
                ? vms.map((vm, i) => (
                    <span key={vm}>
                      {i > 0 ? ', ' : null}
                      <Link to={paths.vm(project, vm)}>{vm}</Link>
                    </span>
                  ))
                : t('disks.notAttached'),
            ],
            ...(st.progress && st.phase !== 'Ready'
              ? [[t('disks.progress'), st.progress] as [string, string]]
              : []),
            [t('disks.pvc'), st.target?.persistentVolumeClaimName ?? '—'],
            [t('disks.created'), formatDateTime(locale, disk.metadata.creationTimestamp)],
          ]}
        />
      </Section>
      <Conditions headingId="disk-conditions" conditions={st.conditions ?? []} />
      <DiskSnapshots disk={disk} />
    </div>
  );
}
