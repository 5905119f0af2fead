/**
 * The sandbox's admission chain: the DVP webhooks, run after schema validation and before
 * storage. Mutating plugins run first (in list order), then every validating plugin; results
 * are concatenated.
 */
import { clusterVirtualImagePlugin, virtualImagePlugin } from './images.ts';
import { immutableSpecPlugins } from './immutable.ts';
import { virtualMachineIPAddressPlugin, virtualMachineMACAddressPlugin } from './ip-mac.ts';
import { moduleConfigPlugin } from './module-config.ts';
import { podPlugin } from './pod.ts';
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
import { virtualMachineBlockDeviceAttachmentPlugin } from './vmbda.ts';
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
  virtualMachineBlockDeviceAttachmentPlugin,
  ...immutableSpecPlugins,
  moduleConfigPlugin,
  projectPlugin,
  podPlugin,
];

function matching(req: AdmissionRequest, plugins: readonly AdmissionPlugin[]): AdmissionPlugin[] {
  return plugins.filter((p) => p.group === req.group && p.kind === req.kind);
}

/**
 * Mutating admission only. kube-apiserver runs it *before* schema validation, so defaults such
 * as `spec.virtualMachineClassName` (required by the CRD) can be filled in first.
 */
export function runMutatingAdmission(
  req: AdmissionRequest,
  ctx: AdmissionContext,
  plugins: readonly AdmissionPlugin[] = admissionPlugins,
): void {
  for (const p of matching(req, plugins)) p.mutate?.(req, ctx);
}

/** Validating admission only (after schema validation); results are concatenated. */
export function runValidatingAdmission(
  req: AdmissionRequest,
  ctx: AdmissionContext,
  plugins: readonly AdmissionPlugin[] = admissionPlugins,
): AdmissionResult {
  const result: AdmissionResult = { causes: [], warnings: [] };
  for (const p of matching(req, plugins)) {
    const r = p.validate?.(req, ctx);
    if (!r) continue;
    result.causes.push(...r.causes);
    result.warnings.push(...r.warnings);
  }
  return result;
}

/** Runs `mutate` then `validate` of every plugin registered for the request's group and kind. */
export function runAdmission(
  req: AdmissionRequest,
  ctx: AdmissionContext,
  plugins: readonly AdmissionPlugin[] = admissionPlugins,
): AdmissionResult {
  runMutatingAdmission(req, ctx, plugins);
  return runValidatingAdmission(req, ctx, plugins);
}
