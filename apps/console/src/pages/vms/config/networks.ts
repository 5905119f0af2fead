import { validateDns1123Label, type VirtualMachineSpec } from '@dvp/api';

type Network = NonNullable<VirtualMachineSpec['networks']>[number];

/** What kinds of network an entry of `spec.networks` can be. */
export type NetworkType = Network['type'];
/** The kinds a user adds (Main is the cluster's own network, present once and first). */
export const ADDITIONAL_NETWORK_TYPES = ['Network', 'ClusterNetwork'] as const;

/** One network of the form: `Main`, or a project Network / ClusterNetwork by name. */
export interface NetworkRow {
  type: NetworkType;
  /** `''` for Main. */
  name: string;
}

/**
 * The form's rows for `spec.networks`: as listed, or the implicit Main network when the spec
 * has none (seed 000: "If this block is absent, the VM is connected only to the main cluster
 * network").
 */
export function networkRows(networks: VirtualMachineSpec['networks']): NetworkRow[] {
  if (!networks || networks.length === 0) return [{ type: 'Main', name: '' }];
  return networks.map((n) => ({ type: n.type, name: n.type === 'Main' ? '' : (n.name ?? '') }));
}

/**
 * `spec.networks` after the form's edits. An entry the form did not change keeps every field it
 * had (id, the MAC address it names), matched by type and name; new ones are `{type, name}`.
 * The implicit Main network stays implicit when nothing was added.
 */
export function networksFromRows(
  before: VirtualMachineSpec['networks'],
  rows: NetworkRow[],
): VirtualMachineSpec['networks'] {
  const unchanged =
    (!before || before.length === 0) && rows.length === 1 && rows[0]?.type === 'Main';
  if (unchanged) return before;
  const left = [...(before ?? [])];
  return rows.map((r) => {
    const name = r.name.trim();
    const i = left.findIndex(
      (n) => n.type === r.type && (r.type === 'Main' || (n.name ?? '') === name),
    );
    if (i >= 0) return left.splice(i, 1)[0] as Network;
    return r.type === 'Main' ? { type: 'Main' } : { type: r.type, name };
  });
}

/** Why an additional network's name is not acceptable (a message key), or undefined. */
export function networkNameProblem(
  rows: NetworkRow[],
  index: number,
):
  | 'vm-config.networkNameRequired'
  | 'vm-config.networkNameInvalid'
  | 'vm-config.networkTwice'
  | undefined {
  const row = rows[index];
  if (!row || row.type === 'Main') return undefined;
  const name = row.name.trim();
  if (name === '') return 'vm-config.networkNameRequired';
  if (validateDns1123Label(name).length > 0) return 'vm-config.networkNameInvalid';
  const first = rows.findIndex((r) => r.type === row.type && r.name.trim() === name);
  return first !== index ? 'vm-config.networkTwice' : undefined;
}
