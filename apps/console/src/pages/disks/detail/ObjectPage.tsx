import type { KubeObject } from '@dvp/api';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorText } from '../../../api/error-text.ts';
import { toApiError } from '../../../api/errors.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { useT } from '../../../i18n/i18n.tsx';

/**
 * One project object's page (a disk, a snapshot): the back link, then a banner when the object
 * is gone or unreadable, a loading status, or the page's body. An object deleted while open keeps
 * its last copy on screen only for errors other than 404.
 */
export function ObjectPage({
  className,
  back,
  query,
  goneText,
  children,
}: {
  className: string;
  back: ReactNode;
  query: UseQueryResult<KubeObject>;
  /** The 404 text; `deleted`: it was shown here before it went. */
  goneText: (deleted: boolean) => string;
  children: (object: KubeObject) => ReactNode;
}) {
  const t = useT();
  if (query.error && (!query.data || toApiError(query.error).code === 404)) {
    const err = toApiError(query.error);
    return (
      <div className={className}>
        {back}
        <div className="banner banner-warning" role="alert">
          <p>{err.code === 404 ? goneText(!!query.data) : errorText(t, err)}</p>
        </div>
      </div>
    );
  }
  if (!query.data)
    return (
      <div className={className}>
        {back}
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  return (
    <div className={className}>
      {back}
      {children(query.data)}
    </div>
  );
}

/** The object's name and phase, its actions beside them. */
export function ObjectHeader({ object, actions }: { object: KubeObject; actions: ReactNode }) {
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  return (
    <header className="disk-header">
      <div>
        <h1>{object.metadata.name}</h1>
        {phase ? <PhaseBadge phase={phase} /> : null}
      </div>
      {actions}
    </header>
  );
}
