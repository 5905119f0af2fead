/**
 * The sandbox's admission chain: the DVP webhooks, run after schema validation and before
 * storage. Mutating plugins run first (in list order), then every validating plugin; results
 * are concatenated.
 */
import { clusterVirtualImagePlugin, virtualImagePlugin } from './images.ts';
import { immutableSpecPlugins } from './immutable.ts';
import { virtualMachineIPAddressPlugin, virtualMachineMACAddressPlugin } from './ip-mac.ts';
import { moduleConfigPlugin } from './module-config.ts';
import { projectPlugin } from './project.ts';
import { virtualDiskPlugin } from './disk.ts';
import type {
  AdmissionContext,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
} from './types.ts';
import { virtualMachineClassPlugin } from './vm-class.ts';
import { virtualMachineOperationPlugin } from './vmop.ts';
import { virtualMachinePlugin } from './vm.ts';

/** Every admission plugin, in the order they run. */
export const admissionPlugins: AdmissionPlugin[] = [
  virtualMachinePlugin,
  virtualMachineClassPlugin,
  virtualImagePlugin,
  clusterVirtualImagePlugin,
  virtualDiskPlugin,
  virtualMachineOperationPlugin,
  virtualMachineIPAddressPlugin,
  virtualMachineMACAddressPlugin,
  ...immutableSpecPlugins,
  moduleConfigPlugin,
  projectPlugin,
];

/** Runs `mutate` then `validate` of every plugin registered for the request's group and kind. */
export function runAdmission(
  req: AdmissionRequest,
  ctx: AdmissionContext,
  plugins: readonly AdmissionPlugin[] = admissionPlugins,
): AdmissionResult {
  const matching = plugins.filter((p) => p.group === req.group && p.kind === req.kind);
  for (const p of matching) p.mutate?.(req, ctx);
  const result: AdmissionResult = { causes: [], warnings: [] };
  for (const p of matching) {
    const r = p.validate?.(req, ctx);
    if (!r) continue;
    result.causes.push(...r.causes);
    result.warnings.push(...r.warnings);
  }
  return result;
}
