import type { Condition, KubeObject } from '@dvp/api';

/** What the pages show of an image (VI or CVI), read defensively from the object. */
export interface ImageView {
  phase: string | undefined;
  cdrom: boolean | undefined;
  /** `status.progress` as the cluster reports it (`"33.5%"`). */
  progress: string | undefined;
  stored: string | undefined;
  unpacked: string | undefined;
  format: string | undefined;
  /** `spec.storage` (VI); CVIs are always kept in the registry. */
  storage: string;
  storageClassName: string | undefined;
  registryURL: string | undefined;
  pvc: string | undefined;
  speed: string | undefined;
  source: ImageSource;
  conditions: Condition[];
  usedInNamespaces: string[];
}

export interface ImageSource {
  type: string;
  /** The URL, the container image, or the referenced object's name. */
  value?: string;
  /** ObjectRef: the referenced kind (and namespace for CVIs). */
  kind?: string;
  namespace?: string;
}

interface RawImage {
  spec?: {
    storage?: string;
    persistentVolumeClaim?: { storageClassName?: string };
    dataSource?: {
      type?: string;
      http?: { url?: string };
      containerImage?: { image?: string };
      objectRef?: { kind?: string; name?: string; namespace?: string };
    };
  };
  status?: {
    phase?: string;
    cdrom?: boolean;
    progress?: string;
    format?: string;
    size?: { stored?: string; unpacked?: string };
    storageClassName?: string;
    target?: { registryURL?: string; persistentVolumeClaimName?: string };
    downloadSpeed?: { current?: string; avg?: string };
    conditions?: Condition[];
    usedInNamespaces?: string[];
  };
}

function sourceOf(ds: NonNullable<RawImage['spec']>['dataSource']): ImageSource {
  const type = ds?.type ?? '';
  if (type === 'HTTP') return { type, ...(ds?.http?.url ? { value: ds.http.url } : {}) };
  if (type === 'ContainerImage')
    return { type, ...(ds?.containerImage?.image ? { value: ds.containerImage.image } : {}) };
  if (type === 'ObjectRef') {
    const r = ds?.objectRef;
    return {
      type,
      ...(r?.name ? { value: r.name } : {}),
      ...(r?.kind ? { kind: r.kind } : {}),
      ...(r?.namespace ? { namespace: r.namespace } : {}),
    };
  }
  return { type };
}

export function imageView(o: KubeObject): ImageView {
  const { spec, status } = o as RawImage;
  const cluster = o.kind === 'ClusterVirtualImage';
  return {
    phase: status?.phase,
    cdrom: status?.cdrom,
    progress: status?.progress,
    stored: status?.size?.stored,
    unpacked: status?.size?.unpacked,
    format: status?.format,
    storage: cluster ? 'ContainerRegistry' : (spec?.storage ?? 'ContainerRegistry'),
    storageClassName: status?.storageClassName ?? spec?.persistentVolumeClaim?.storageClassName,
    registryURL: status?.target?.registryURL,
    pvc: status?.target?.persistentVolumeClaimName,
    speed: status?.downloadSpeed?.current ?? status?.downloadSpeed?.avg,
    source: sourceOf(spec?.dataSource),
    conditions: status?.conditions ?? [],
    usedInNamespaces: status?.usedInNamespaces ?? [],
  };
}

/** `"33.5%"` → 33.5 (0–100); undefined when absent or unreadable. */
export function progressPercent(progress: string | undefined): number | undefined {
  if (!progress) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress);
  if (!m) return undefined;
  return Math.min(100, Math.max(0, Number(m[1])));
}

/** Phases in which the image is still being filled (the progress bar is live). */
export const BUSY_PHASES = new Set(['Pending', 'Provisioning', 'WaitForUserUpload']);
