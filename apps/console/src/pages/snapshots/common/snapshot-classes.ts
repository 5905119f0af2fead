import type { KubeObject } from '@dvp/api';

const DEFAULT_VSC = 'snapshot.storage.kubernetes.io/is-default-class';

const provisionerOf = (sc: KubeObject | undefined) =>
  (sc as { provisioner?: string } | undefined)?.provisioner ?? '';
const driverOf = (vsc: KubeObject) => (vsc as { driver?: string }).driver ?? '';

/** The VolumeSnapshotClasses that can snapshot volumes of `storageClass` (same CSI driver). */
export function snapshotClassesFor(
  storageClass: KubeObject | undefined,
  all: readonly KubeObject[],
): KubeObject[] {
  const driver = provisionerOf(storageClass);
  return driver ? all.filter((c) => driverOf(c) === driver) : [];
}

/** The class chosen when the user picks none: the driver's annotated default, else the only/first. */
export function defaultSnapshotClass(candidates: readonly KubeObject[]): string {
  const d = candidates.find((c) => c.metadata.annotations?.[DEFAULT_VSC] === 'true');
  return (d ?? candidates[0])?.metadata.name ?? '';
}

/** `<disk>-<unix seconds>`, the seeds' naming of snapshots (`linux-vm-root-$(date +%s)`). */
export function snapshotName(base: string, now = Date.now()): string {
  const suffix = `-${Math.floor(now / 1000)}`;
  return `${base.slice(0, 253 - suffix.length)}${suffix}`;
}
