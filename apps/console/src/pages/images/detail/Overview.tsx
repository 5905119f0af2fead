import type { KubeObject } from '@dvp/api';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import type { ImageView } from '../model.ts';
import type { ImageScope } from '../scope.ts';
import { UploadPanel } from '../upload/UploadPanel.tsx';
import { ImageDiagnostics } from './Diagnostics.tsx';
import { ImageUsers } from './Users.tsx';

function sourceText(t: (k: MessageKey, v?: Record<string, string>) => string, v: ImageView) {
  const s = v.source;
  switch (s.type) {
    case 'HTTP':
    case 'ContainerImage':
      return t(`images.d.source.${s.type}`, { value: s.value ?? '—' });
    case 'ObjectRef':
      return t('images.d.source.ObjectRef', {
        kind: s.kind ?? '',
        value: s.namespace ? `${s.namespace}/${s.value ?? ''}` : (s.value ?? ''),
      });
    case 'Upload':
      return t('images.d.source.Upload');
    default:
      return s.type || '—';
  }
}

/** The image's facts, its upload (if any), its conditions and who uses it. */
export function ImageOverview({
  scope,
  image,
  view,
}: {
  scope: ImageScope;
  image: KubeObject;
  view: ImageView;
}) {
  const { t, locale } = useI18n();
  const name = image.metadata.name ?? '';
  const facts: [string, ReactNode][] = [
    [t('images.d.source'), <span className="img-break">{sourceText(t, view)}</span>],
    [t('images.d.format'), view.format ?? '—'],
    [
      t('images.d.cdrom'),
      view.cdrom === undefined ? '—' : t(view.cdrom ? 'common.yes' : 'common.no'),
    ],
    [t('images.d.stored'), view.stored ?? '—'],
    [t('images.d.unpacked'), view.unpacked ?? '—'],
    [t('images.d.progress'), view.progress ?? '—'],
  ];
  if (view.speed && view.phase === 'Provisioning') facts.push([t('images.d.speed'), view.speed]);
  if (!scope.cluster) {
    facts.push([t('images.d.storage'), view.storage]);
    if (view.storageClassName) facts.push([t('images.d.storageClass'), view.storageClassName]);
    if (view.pvc) facts.push([t('images.d.pvc'), view.pvc]);
  }
  if (view.registryURL)
    facts.push([t('images.d.registryUrl'), <code className="img-break">{view.registryURL}</code>]);
  facts.push([t('images.d.created'), formatDateTime(locale, image.metadata.creationTimestamp)]);
  return (
    <>
      <UploadPanel scope={scope} name={name} view={view} />
      <section className="img-section" aria-labelledby="img-details">
        <h2 id="img-details">{t('images.d.details')}</h2>
        <dl className="img-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ImageDiagnostics conditions={view.conditions} />
      <ImageUsers
        project={scope.cluster ? undefined : scope.project}
        image={{ kind: scope.cluster ? 'ClusterVirtualImage' : 'VirtualImage', name }}
        usedInNamespaces={view.usedInNamespaces}
      />
    </>
  );
}
