import { Suspense, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useT } from '../i18n/i18n.tsx';

/** The fallback while a lazy page loads. */
export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * Wraps a page: remounts it when its project or object changes, so no state leaks between
 * projects or objects, and shows Loading while a lazy page's code arrives.
 */
export function Keyed({ children }: { children: ReactNode }) {
  const { project = '', name = '' } = useParams();
  return (
    <Suspense key={`${project}/${name}`} fallback={<Loading />}>
      {children}
    </Suspense>
  );
}
