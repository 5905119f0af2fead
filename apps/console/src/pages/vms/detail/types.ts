import type { VmDetail } from '@dvp/api';

/** Refetches the VM's detail view (the page's query), resolving with the fresh data. */
export type RefetchDetail = () => Promise<{ data?: VmDetail | undefined }>;
