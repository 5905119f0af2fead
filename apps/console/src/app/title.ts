import { useEffect } from 'react';

/** The product name that ends every page title (and the whole title while nothing loaded). */
export const PRODUCT_TITLE = 'DVP Console';

/**
 * Sets `document.title` to "<parts> · DVP Console" while the calling page is mounted. The embed
 * bridge observes the title and reports it to the host (`dvp:title`). Empty parts (data still
 * loading) are skipped.
 */
export function useDocumentTitle(...parts: (string | undefined | null | false)[]): void {
  const title = [...parts.filter((p): p is string => !!p), PRODUCT_TITLE].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
