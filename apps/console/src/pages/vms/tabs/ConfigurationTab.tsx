import type { VmDetail } from '@dvp/api';

/** The VM's Configuration tab (placeholder until built). */
export function ConfigurationTab({ detail }: { detail: VmDetail }) {
  return <p>{detail.vm.metadata.name}</p>;
}
