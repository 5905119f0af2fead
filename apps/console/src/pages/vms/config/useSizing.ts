import type { VmDetail } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import {
  policiesOf,
  sizingHints,
  sizingIssues,
  type SizingIssue,
} from '../../../components/vm-form/sizing.ts';
import { nameOf, type ConfigValues } from './values.ts';

export type { SizingIssue };

/**
 * The chosen class's sizing policy checked live against the form, with the create form's
 * messages and hints (the loaded VM's class comes with the detail view; another chosen class
 * is fetched).
 */
export function useSizing(detail: VmDetail, v: ConfigValues) {
  const sameClass = detail.class?.metadata.name === v.className;
  const other = useQuery({
    ...q(api.clusterResourceView, { resource: 'virtualmachineclasses', name: v.className }),
    enabled: !sameClass && v.className !== '',
  });
  const policies = policiesOf(sameClass ? detail.class : other.data);
  const cores = Number.isFinite(v.cores) ? v.cores : 0;
  return {
    issues: sizingIssues(
      { cores, coreFraction: v.coreFraction, memory: v.memory, name: nameOf(detail.vm) },
      v.className,
      policies,
    ),
    hints: sizingHints(cores || 1, policies),
  };
}
