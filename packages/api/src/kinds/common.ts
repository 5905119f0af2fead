import { z } from 'zod';

import { ConditionSchema, ObjectMetaSchema } from '../meta.ts';
import { celIssue } from '../validation/issues.ts';
import { patternString } from '../validation/patterns.ts';

/** The DVP API group and version every DVP kind is served in. */
export const DVP_API_VERSION = 'virtualization.deckhouse.io/v1alpha2';

/**
 * The envelope of a stored object: `apiVersion`, `kind`, `metadata` plus the kind's own fields.
 * `metadata` defaults to `{}` so that name errors come from the server's name rules.
 */
export function kubeObject<A extends string, K extends string, S extends z.ZodRawShape>(
  apiVersion: A,
  kind: K,
  shape: S,
) {
  return z.object({
    apiVersion: z.literal(apiVersion),
    kind: z.literal(kind),
    metadata: ObjectMetaSchema.default({}),
    ...shape,
  });
}

/** `status.conditions` of every DVP kind. */
export const ConditionsSchema = z.array(ConditionSchema);

/** A phase-transition or duration timestamp that the CRD marks `nullable`. */
export const NullableStringSchema = z.string().nullable();

/** Checksums of an image source; every given sum must match. */
export const ChecksumSchema = z.object({
  md5: patternString('^[0-9a-fA-F]{32}$').min(32).max(32).optional(),
  sha1: patternString('^[0-9a-fA-F]{40}$').min(40).max(40).optional(),
  sha256: patternString('^[0-9a-fA-F]{64}$').min(64).max(64).optional(),
  sha512: patternString('^[0-9a-fA-F]{128}$').min(128).max(128).optional(),
  streebog256: patternString('^[0-9a-fA-F]{64}$').min(64).max(64).optional(),
  streebog512: patternString('^[0-9a-fA-F]{128}$').min(128).max(128).optional(),
});

const HTTP_URL_PATTERN =
  '^http[s]?:\\/\\/(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+$';
const IMAGE_PATTERN =
  '^(?P<name>(?:(?P<domain>(?:(?:localhost|[\\w-]+(?:\\.[\\w-]+)+)(?::\\d+)?)|[\\w]+:\\d+)/)?(?P<image>[a-z0-9_.-]+(?:/[a-z0-9_.-]+)*))(?::(?P<tag>[\\w][\\w.-]{0,127}))?(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[+.-_][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$';

/** `dataSource.http`. */
export const HttpSourceSchema = z.object({
  url: patternString(HTTP_URL_PATTERN),
  caBundle: z.string().optional(),
  checksum: ChecksumSchema.optional(),
});

/** `dataSource.upload`. */
export const UploadSourceSchema = z.object({ checksum: ChecksumSchema.optional() });

const DATA_SOURCE_TYPES = ['HTTP', 'ContainerImage', 'ObjectRef', 'Upload'] as const;

interface DataSourceShape {
  type?: string;
  http?: unknown;
  containerImage?: unknown;
  objectRef?: unknown;
  upload?: unknown;
}

/** The four CEL rules shared by every `dataSource` block (VI, CVI, VD, pool disk templates). */
function checkDataSource(ds: DataSourceShape, ctx: z.core.$RefinementCtx): void {
  const has = (k: keyof DataSourceShape) => ds[k] !== undefined;
  const rules: [boolean, string][] = [
    [
      ds.type !== 'HTTP' ||
        (has('http') && !has('containerImage') && !has('objectRef') && !has('upload')),
      'HTTP requires http and cannot have ContainerImage, ObjectRef or Upload.',
    ],
    [
      ds.type !== 'ContainerImage' ||
        (has('containerImage') && !has('http') && !has('objectRef') && !has('upload')),
      'ContainerImage requires containerImage and cannot have HTTP, ObjectRef or Upload.',
    ],
    [
      ds.type !== 'ObjectRef' ||
        (has('objectRef') && !has('http') && !has('containerImage') && !has('upload')),
      'ObjectRef requires objectRef and cannot have HTTP, ContainerImage or Upload.',
    ],
    [
      ds.type !== 'Upload' || (!has('http') && !has('containerImage') && !has('objectRef')),
      'Upload cannot have HTTP, ContainerImage or ObjectRef.',
    ],
  ];
  for (const [ok, message] of rules) if (!ok) celIssue(ctx, message);
}

/** `dataSource` of VirtualImage: objectRef to CVI, VI, VD or VDS in the same namespace. */
export const VirtualImageDataSourceSchema = z
  .object({
    type: z.enum(DATA_SOURCE_TYPES),
    http: HttpSourceSchema.optional(),
    containerImage: z
      .object({
        image: patternString(IMAGE_PATTERN),
        imagePullSecret: z.object({ name: z.string().optional() }).optional(),
        caBundle: z.string().optional(),
      })
      .optional(),
    objectRef: z
      .object({
        kind: z.enum(['ClusterVirtualImage', 'VirtualImage', 'VirtualDisk', 'VirtualDiskSnapshot']),
        name: z.string().min(1),
      })
      .optional(),
    upload: UploadSourceSchema.optional(),
  })
  .superRefine(checkDataSource);

/** `dataSource` of ClusterVirtualImage: objectRef carries a namespace; pull secret too. */
export const ClusterVirtualImageDataSourceSchema = z
  .object({
    type: z.enum(DATA_SOURCE_TYPES),
    http: HttpSourceSchema.optional(),
    containerImage: z
      .object({
        image: patternString(IMAGE_PATTERN),
        imagePullSecret: z
          .object({ name: z.string().optional(), namespace: z.string().optional() })
          .optional(),
        caBundle: z.string().optional(),
      })
      .optional(),
    objectRef: z
      .object({
        kind: z.enum(['ClusterVirtualImage', 'VirtualImage', 'VirtualDisk', 'VirtualDiskSnapshot']),
        name: z.string().min(1),
        namespace: z.string().optional(),
      })
      .superRefine((ref, ctx) => {
        if (ref.kind === 'ClusterVirtualImage') return;
        if (!ref.namespace) {
          celIssue(
            ctx,
            'The namespace is required for VirtualDisk, VirtualImage and VirtualDiskSnapshot',
          );
        }
        if (ref.namespace === undefined || ref.namespace.length >= 64) {
          celIssue(ctx, 'The namespace must be no longer than 63 characters.');
        }
      })
      .optional(),
    upload: UploadSourceSchema.optional(),
  })
  .superRefine(checkDataSource);

/**
 * `dataSource` of VirtualDisk (and pool disk templates): objectRef to CVI, VI or VDS. The CRD does
 * not mark `type` required; a missing type makes every CEL rule fail to evaluate, which we report
 * as a missing value.
 */
export const VirtualDiskDataSourceSchema = z
  .object({
    type: z.enum(DATA_SOURCE_TYPES).optional(),
    http: HttpSourceSchema.optional(),
    containerImage: z
      .object({
        image: patternString(IMAGE_PATTERN),
        imagePullSecret: z.object({ name: z.string().optional() }).optional(),
        caBundle: z.string().optional(),
      })
      .optional(),
    objectRef: z
      .object({
        kind: z.enum(['ClusterVirtualImage', 'VirtualImage', 'VirtualDiskSnapshot']),
        name: z.string().min(1),
      })
      .optional(),
    upload: UploadSourceSchema.optional(),
  })
  .superRefine((ds, ctx) => {
    if (ds.type === undefined) {
      ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['type'] });
      return;
    }
    checkDataSource(ds, ctx);
  });

/** `status.downloadSpeed`. */
export const DownloadSpeedSchema = z.object({
  avg: z.string().optional(),
  avgBytes: z.string().optional(),
  current: z.string().optional(),
  currentBytes: z.string().optional(),
});

/** `status.imageUploadURLs`. */
export const ImageUploadURLsSchema = z.object({
  external: z.string().optional(),
  inCluster: z.string().optional(),
});

/** `status.size` of images. */
export const ImageSizeSchema = z.object({
  stored: z.string().optional(),
  storedBytes: z.string().optional(),
  unpacked: z.string().optional(),
  unpackedBytes: z.string().optional(),
});

/** `status.resources[]` of restore/clone operations. */
export const OperationResourceSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  status: z.enum(['InProgress', 'Completed', 'Failed']),
  message: z.string(),
});

/**
 * A clone/restore name replacement. The CRD has `to` as a string; older product docs write
 * `to: {name: ...}` (dvp-api.md §19). Both are accepted and stored as sent, so that a re-applied
 * manifest does not diff; read the target with {@link nameReplacementTarget}.
 */
export const NameReplacementSchema = z.object({
  from: z.object({ kind: z.string().min(1).optional(), name: z.string().min(1) }),
  to: z.union([z.string().min(1), z.object({ name: z.string().min(1) })]),
});
export type NameReplacement = z.infer<typeof NameReplacementSchema>;

/** The new name of a {@link NameReplacement}, whichever spelling of `to` was used. */
export function nameReplacementTarget(r: NameReplacement): string {
  return typeof r.to === 'string' ? r.to : r.to.name;
}
