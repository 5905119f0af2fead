import {
  matchSizingPolicy,
  type SizingViolation,
  type VirtualMachineClass,
  type VmDetail,
} from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { type ConfigValues, nameOf } from './values.ts';

/** Field of the form a sizing violation is about. */
export const SIZING_FIELD: Record<SizingViolation['field'], 'cores' | 'coreFraction' | 'memory'> = {
  'cpu.cores': 'cores',
  'cpu.coreFraction': 'coreFraction',
  'memory.size': 'memory',
};

/**
 * The chosen class's sizing policy checked live against the form (the class of the loaded VM
 * comes with the detail view; another chosen class is fetched).
 */
export function useSizing(detail: VmDetail, v: ConfigValues) {
  const sameClass = detail.class?.metadata.name === v.className;
  const other = useQuery({
    ...q(api.clusterResourceView, { resource: 'virtualmachineclasses', name: v.className }),
    enabled: !sameClass && v.className !== '',
  });
  const cls = sameClass ? detail.class : (other.data as VirtualMachineClass | undefined);
  if (!cls || !Number.isFinite(v.cores)) return { violations: [], allowedCoreFractions: undefined };
  const match = matchSizingPolicy(
    {
      cores: v.cores,
      memory: v.memory,
      ...(v.coreFraction.trim() !== '' ? { coreFraction: v.coreFraction.trim() } : {}),
    },
    cls.spec.sizingPolicies,
    { vmName: nameOf(detail.vm), className: nameOf(cls) },
  );
  return { violations: match.violations, allowedCoreFractions: match.allowedCoreFractions };
}
