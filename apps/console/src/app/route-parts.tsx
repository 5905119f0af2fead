import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useT } from '../i18n/i18n.tsx';
import { loadCatalogues, type CatalogueName } from '../i18n/messages/index.ts';

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

/**
 * A page loaded on demand together with the message catalogues of its area, so neither is in
 * the initial bundle and the page never renders before its words are there.
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  catalogues: readonly CatalogueName[],
) {
  return lazy(async () => {
    const [Page] = await Promise.all([load(), loadCatalogues(catalogues)]);
    return { default: Page };
  });
}
