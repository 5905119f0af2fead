import type { ListQuery, VmRow } from '@dvp/api';
import { api } from '../../../api/client.ts';
import { usePages } from '../../../api/use-pages.ts';

const uidOf = (r: VmRow) => r.uid;

/** The project's VM list as a chain of server pages (see `usePages`). */
export function useVmPages(namespace: string, query: ListQuery) {
  return usePages<VmRow, typeof api.vmList>(api.vmList, { namespace }, query, uidOf);
}
