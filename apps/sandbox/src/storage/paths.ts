import { join } from 'node:path';

/** The DVCR service host that `status.target.registryURL` names (as DVP's `api/dvcr/repo.go`). */
export const DVCR_HOST = 'dvcr.d8-virtualization.svc';

/**
 * The sandbox's storage layout under its data directory:
 * - `dvcr/<repo>/disk.img`: DVCR images (`vi/<ns>/<name>`, `cvi/<name>`, `vd/<ns>/<name>`), in
 *   their detected format (the image's `status.format`);
 * - `volumes/<ns>/<pvc>/disk.img`: PersistentVolumeClaim volumes (VirtualDisks and PVC-backed
 *   VirtualImages): qcow2 for disks, the detected format for images (consumers let qemu-img
 *   detect it);
 * - `snapshots/<ns>/<volumeSnapshotName>/disk.img`: volume snapshots, qcow2.
 */
export class StoragePaths {
  constructor(readonly dataDir: string) {}

  get dvcrRoot(): string {
    return join(this.dataDir, 'dvcr');
  }

  /** `status.target.registryURL` of an image. */
  registryURL(kind: 'vi' | 'cvi' | 'vd', name: string, namespace?: string): string {
    return kind === 'cvi'
      ? `${DVCR_HOST}/cvi/${name}`
      : `${DVCR_HOST}/${kind}/${namespace ?? ''}/${name}`;
  }

  /** The file of a DVCR image, from its registry URL. */
  dvcrFile(registryURL: string): string {
    const repo = registryURL.replace(/^[^/]+\//, '').replace(/:[^/]*$/, '');
    if (repo.split('/').some((p) => p === '..' || p === ''))
      throw new Error(`bad registry URL ${registryURL}`);
    return join(this.dvcrRoot, repo, 'disk.img');
  }

  /** The file of a PVC volume. */
  volumeFile(namespace: string, pvcName: string): string {
    return join(this.dataDir, 'volumes', namespace, pvcName, 'disk.img');
  }

  /** The file of a volume snapshot. */
  snapshotFile(namespace: string, volumeSnapshotName: string): string {
    return join(this.dataDir, 'snapshots', namespace, volumeSnapshotName, 'disk.img');
  }

  /** Scratch space for downloads in progress (same filesystem, so renames are atomic). */
  scratchDir(): string {
    return join(this.dataDir, 'scratch');
  }
}
