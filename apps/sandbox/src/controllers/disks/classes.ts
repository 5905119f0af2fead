/**
 * Storage class and volume snapshot class choices for disks and snapshots.
 */
import type { KubeObject } from '../../apiserver/types.ts';
import type { Informer } from '../runtime/informer.ts';
import type { Obj } from './common.ts';

const SHARED_PROVISIONER = 'sandbox.deckhouse.io/shared';
const DEFAULT_SC = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_VSC = 'snapshot.storage.kubernetes.io/is-default-class';

/** Which storage class a disk gets, or why none. */
export type ClassChoice =
  { ok: true; name: string; storageClass: Obj } | { ok: false; name?: string; message: string };

function isDefault(o: KubeObject, annotation: string): boolean {
  return o.metadata.annotations?.[annotation] === 'true';
}

/**
 * The class of a disk: `spec.persistentVolumeClaim.storageClassName`, else the module's
 * `virtualDisks.defaultStorageClassName`, else the cluster default class.
 */
export function chooseStorageClass(
  classes: Informer<Obj>,
  moduleConfig: Obj | undefined,
  requested: string | undefined,
): ClassChoice {
  const settings = (moduleConfig?.spec?.settings ?? {}) as {
    virtualDisks?: { defaultStorageClassName?: string };
  };
  const name =
    requested ||
    settings.virtualDisks?.defaultStorageClassName ||
    classes.list().find((c) => isDefault(c, DEFAULT_SC))?.metadata.name;
  if (!name)
    return {
      ok: false,
      message:
        'no storage class: set spec.persistentVolumeClaim.storageClassName, or a default (ModuleConfig virtualization virtualDisks.defaultStorageClassName or a default StorageClass)',
    };
  const sc = classes.get(name);
  if (!sc)
    return {
      ok: false,
      name,
      message: `StorageClass ${JSON.stringify(name)} not found: create it or choose one of: ${classes
        .list()
        .map((c) => c.metadata.name)
        .join(', ')}`,
    };
  return { ok: true, name, storageClass: sc };
}

/** The provisioner of a StorageClass object. */
export function provisionerOf(sc: KubeObject | undefined): string {
  return (sc?.provisioner as string | undefined) ?? '';
}

/** RWX for shared volumes (live-migratable), RWO for node-local ones. */
export function accessModeOf(sc: KubeObject): 'ReadWriteMany' | 'ReadWriteOnce' {
  return provisionerOf(sc) === SHARED_PROVISIONER ? 'ReadWriteMany' : 'ReadWriteOnce';
}

/** True for classes that bind on first consumer. */
export function isWaitForFirstConsumer(sc: KubeObject): boolean {
  return sc.volumeBindingMode === 'WaitForFirstConsumer';
}

/**
 * The VolumeSnapshotClass for a disk on `driver`: `requested` (must exist and match the driver),
 * else the default class of that driver, else its only class.
 */
export function chooseSnapshotClass(
  classes: Informer<Obj>,
  driver: string,
  requested: string | undefined,
): ClassChoice {
  const all = classes.list();
  const names = all.map((c) => c.metadata.name).join(', ') || '(none)';
  if (requested) {
    const vsc = classes.get(requested);
    if (!vsc)
      return {
        ok: false,
        name: requested,
        message: `VolumeSnapshotClass ${JSON.stringify(requested)} not found; available classes: ${names}`,
      };
    if (driver && vsc.driver !== driver)
      return {
        ok: false,
        name: requested,
        message: `VolumeSnapshotClass ${JSON.stringify(requested)} has driver ${String(vsc.driver)} but the disk's storage uses ${driver}; choose a class of driver ${driver}`,
      };
    return { ok: true, name: requested, storageClass: vsc };
  }
  const ofDriver = all.filter((c) => c.driver === driver);
  const pick = ofDriver.find((c) => isDefault(c, DEFAULT_VSC)) ?? ofDriver[0];
  if (!pick)
    return {
      ok: false,
      message: `no VolumeSnapshotClass for the driver ${driver}; create one or set spec.volumeSnapshotClassName (available: ${names})`,
    };
  return { ok: true, name: pick.metadata.name ?? '', storageClass: pick };
}
