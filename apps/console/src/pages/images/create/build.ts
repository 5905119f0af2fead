import { validateDvpName, validateObjectName, type KubeObject } from '@dvp/api';
import type { MessageKey } from '../../../i18n/i18n.tsx';
import { kindOf, type ImageScope } from '../scope.ts';

/** The "Create Image" menu's choices (`?create=<source>`). */
export const IMAGE_SOURCES = ['http', 'registry', 'upload', 'ref'] as const;
export type ImageSourceChoice = (typeof IMAGE_SOURCES)[number];
export const isImageSource = (v: string | null): v is ImageSourceChoice =>
  (IMAGE_SOURCES as readonly string[]).includes(v ?? '');

/** ObjectRef kinds the CRDs allow (the same four for VI and CVI). */
export const REF_KINDS = [
  'VirtualImage',
  'ClusterVirtualImage',
  'VirtualDisk',
  'VirtualDiskSnapshot',
] as const;
export type RefKind = (typeof REF_KINDS)[number];
/** Kinds that live in a project (a CVI's objectRef then needs `namespace`). */
export const NAMESPACED_REF_KINDS: ReadonlySet<string> = new Set([
  'VirtualImage',
  'VirtualDisk',
  'VirtualDiskSnapshot',
]);

export type StorageChoice = 'ContainerRegistry' | 'PersistentVolumeClaim';

/** The create dialogs' values, mirroring the fields. */
export interface ImageFormValues {
  name: string;
  storage: StorageChoice;
  storageClass: string;
  url: string;
  image: string;
  pullSecret: string;
  pullSecretNamespace: string;
  refKind: RefKind;
  refName: string;
  refNamespace: string;
  /** Upload: the chosen file (streamed from disk, never read into memory). */
  file: File | null;
}

export function imageFormDefaults(scope: ImageScope): ImageFormValues {
  return {
    name: '',
    storage: 'ContainerRegistry',
    storageClass: '',
    url: '',
    image: '',
    pullSecret: '',
    pullSecretNamespace: '',
    refKind: scope.cluster ? 'ClusterVirtualImage' : 'VirtualImage',
    refName: '',
    refNamespace: scope.cluster ? '' : scope.project,
    file: null,
  };
}

/** The CRDs' URL pattern (`spec.dataSource.http.url`). */
const URL_RE = /^http[s]?:\/\/(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*(),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+$/;
/** The CRDs' container image reference pattern (Go's named groups as plain groups). */
const IMAGE_RE =
  /^((?:(?:(?:localhost|[\w-]+(?:\.[\w-]+)+)(?::\d+)?)|[\w]+:\d+)\/)?([a-z0-9_.-]+(?:\/[a-z0-9_.-]+)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[+.-_][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;

export const isImageUrl = (v: string) => URL_RE.test(v);
export const isImageReference = (v: string) => IMAGE_RE.test(v);

export type ImageFieldErrors = Partial<
  Record<keyof ImageFormValues, { key: MessageKey; values?: Record<string, string> }>
>;

/** Client-side checks (the server's dry run catches the rest). */
export function validateImageForm(
  scope: ImageScope,
  source: ImageSourceChoice,
  v: ImageFormValues,
): ImageFieldErrors {
  const errors: ImageFieldErrors = {};
  const name = v.name.trim();
  const kind = kindOf(scope);
  if (!name) errors.name = { key: 'images.err.required' };
  else {
    const msg = [...validateObjectName(kind, name), ...validateDvpName(kind, name)][0];
    if (msg) errors.name = { key: 'images.err.name', values: { message: msg } };
  }
  if (source === 'http') {
    const url = v.url.trim();
    if (!url) errors.url = { key: 'images.err.required' };
    else if (!isImageUrl(url)) errors.url = { key: 'images.err.url' };
  }
  if (source === 'registry') {
    const image = v.image.trim();
    if (!image) errors.image = { key: 'images.err.required' };
    else if (!isImageReference(image)) errors.image = { key: 'images.err.image' };
  }
  if (source === 'upload') {
    if (!v.file) errors.file = { key: 'images.err.file' };
    else if (v.file.size === 0) errors.file = { key: 'images.err.emptyFile' };
  }
  if (source === 'ref') {
    if (!v.refName.trim()) errors.refName = { key: 'images.err.required' };
    if (scope.cluster && NAMESPACED_REF_KINDS.has(v.refKind) && !v.refNamespace.trim())
      errors.refNamespace = { key: 'images.err.required' };
  }
  return errors;
}

function dataSource(scope: ImageScope, source: ImageSourceChoice, v: ImageFormValues) {
  switch (source) {
    case 'http':
      return { type: 'HTTP', http: { url: v.url.trim() } };
    case 'registry': {
      const secret = v.pullSecret.trim();
      const secretNs = v.pullSecretNamespace.trim();
      return {
        type: 'ContainerImage',
        containerImage: {
          image: v.image.trim(),
          ...(secret
            ? {
                imagePullSecret: {
                  name: secret,
                  ...(scope.cluster && secretNs ? { namespace: secretNs } : {}),
                },
              }
            : {}),
        },
      };
    }
    case 'upload':
      return { type: 'Upload' };
    case 'ref':
      return {
        type: 'ObjectRef',
        objectRef: {
          kind: v.refKind,
          name: v.refName.trim(),
          ...(scope.cluster && NAMESPACED_REF_KINDS.has(v.refKind)
            ? { namespace: v.refNamespace.trim() }
            : {}),
        },
      };
  }
}

/** The image to create. CVIs have no storage choice (always the registry). */
export function imageBody(
  scope: ImageScope,
  source: ImageSourceChoice,
  v: ImageFormValues,
): KubeObject {
  const spec: Record<string, unknown> = { dataSource: dataSource(scope, source, v) };
  if (!scope.cluster) {
    spec.storage = v.storage;
    if (v.storage === 'PersistentVolumeClaim' && v.storageClass)
      spec.persistentVolumeClaim = { storageClassName: v.storageClass };
  }
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: kindOf(scope),
    metadata: { name: v.name.trim() },
    spec,
  };
}

/** Server cause fields → form fields (unmapped causes go to the banner). */
export const IMAGE_CAUSE_FIELDS: Record<string, keyof ImageFormValues> = {
  'metadata.name': 'name',
  'spec.storage': 'storage',
  'spec.persistentVolumeClaim': 'storageClass',
  'spec.dataSource.http': 'url',
  'spec.dataSource.containerImage.imagePullSecret.namespace': 'pullSecretNamespace',
  'spec.dataSource.containerImage.imagePullSecret': 'pullSecret',
  'spec.dataSource.containerImage': 'image',
  'spec.dataSource.objectRef.namespace': 'refNamespace',
  'spec.dataSource.objectRef.kind': 'refKind',
  'spec.dataSource.objectRef': 'refName',
};
