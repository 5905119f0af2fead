/**
 * VirtualMachineBlockDeviceAttachment admission (DVP's vmbda webhook, dvp-api.md §8): a VM has
 * at most 16 block devices, its spec's and hot-plugged ones together. The spec itself is
 * write-once (immutable.ts); conflicts with devices already attached are reported by the
 * controller as `Failed`/`Conflict`.
 */
import type {
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionContext,
  AdmissionResult,
} from './types.ts';
import { DVP, Findings, allowed, nameOf, namespaceOf, str } from './util.ts';

const MAX_DEVICES = 16;

function validate(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (req.operation !== 'CREATE') return allowed();
  const b = req.object;
  const vmName = str(b, 'spec', 'virtualMachineName') ?? '';
  const ns = namespaceOf(b);
  const vm = ctx.get(DVP, 'VirtualMachine', vmName, ns);
  const refs = (vm?.spec as { blockDeviceRefs?: unknown[] } | undefined)?.blockDeviceRefs ?? [];
  const others = ctx
    .list(DVP, 'VirtualMachineBlockDeviceAttachment', ns)
    .filter(
      (o) =>
        nameOf(o) !== nameOf(b) &&
        str(o, 'spec', 'virtualMachineName') === vmName &&
        str(o, 'status', 'phase') !== 'Failed',
    );
  const total = refs.length + others.length + 1;
  const f = new Findings();
  if (total > MAX_DEVICES) {
    f.forbidden(
      'spec.virtualMachineName',
      `the virtual machine ${vmName} would have ${total} block devices (${refs.length} in its spec, ${others.length + 1} attached); at most ${MAX_DEVICES} are allowed`,
    );
  }
  return f.result();
}

/** DVP's VirtualMachineBlockDeviceAttachment webhook. */
export const virtualMachineBlockDeviceAttachmentPlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachineBlockDeviceAttachment',
  validate,
};
