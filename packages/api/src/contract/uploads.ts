import { z } from 'zod';
import { endpoint } from './endpoint.ts';

/**
 * Resumable image uploads through the BFF (DVP's upload URLs send no CORS headers, so the
 * browser cannot PUT there itself). A small tus-like protocol:
 *
 * 1. `POST /api/v1/uploads` with {@link UploadCreateBody} → {@link UploadInfo} (201; 200 when the
 *    caller already has a session for that image, e.g. after a page reload).
 * 2. `PATCH /api/v1/uploads/:id` with `Content-Type: application/offset+octet-stream`, header
 *    `Upload-Offset: <n>` (must equal the session's offset) and the next bytes of the file as
 *    the raw body. A file may be sent in one PATCH or in several consecutive ones.
 * 3. After a dropped connection: `HEAD` (or `GET`) `/api/v1/uploads/:id` answers the offset the
 *    BFF received (`Upload-Offset` header), then PATCH again from there. A wrong offset is a 409
 *    Conflict Status whose `Upload-Offset` header carries the expected one.
 * 4. `DELETE /api/v1/uploads/:id` cancels.
 *
 * Sessions are held in the BFF's memory: a BFF restart loses an upload in flight (the image
 * then still waits for its file, and a new session starts from 0).
 */

/** The kinds whose `dataSource.type: Upload` the BFF can feed. */
export const UPLOAD_RESOURCES = ['virtualimages', 'clustervirtualimages'] as const;
export type UploadResource = (typeof UPLOAD_RESOURCES)[number];

/** Content type of PATCH bodies (as in tus). */
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';
/** Request/response header with the byte offset (as in tus). */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
/** Response header with the file's total size. */
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';

/** The collection path and the path of one session (`:id`). */
export const UPLOADS_PATH = '/api/v1/uploads';
export const UPLOAD_PATH = '/api/v1/uploads/:id';

/**
 * Where a session is:
 * - `ready`: created, no bytes yet;
 * - `uploading`: a PATCH is streaming bytes;
 * - `paused`: waiting for the next PATCH from `offset` (between chunks, or after the browser's
 *   connection dropped); the BFF holds the upload open until `resumeDeadline`;
 * - `verifying`: every byte went out; the cluster is checking and storing the image;
 * - `done`, `failed` (see `message`), `cancelled`: final.
 */
export const UPLOAD_STATES = [
  'ready',
  'uploading',
  'paused',
  'verifying',
  'done',
  'failed',
  'cancelled',
] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

const name = z.string().min(1).max(253);

export const UploadCreateBodySchema = z
  .strictObject({
    resource: z.enum(UPLOAD_RESOURCES),
    /** Required for `virtualimages`, absent for `clustervirtualimages`. */
    namespace: z.string().min(1).max(63).optional(),
    name,
    /** The file's size in bytes. */
    size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  })
  .superRefine((b, ctx) => {
    if (b.resource === 'virtualimages' && b.namespace === undefined)
      ctx.addIssue({ code: 'custom', path: ['namespace'], message: 'required for virtualimages' });
    if (b.resource === 'clustervirtualimages' && b.namespace !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['namespace'],
        message: 'must be absent for clustervirtualimages (they are cluster-wide)',
      });
  });
export type UploadCreateBody = z.infer<typeof UploadCreateBodySchema>;

export const UploadParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** One upload session as the BFF reports it. Progress = `offset / size`. */
export interface UploadInfo {
  id: string;
  resource: UploadResource;
  namespace?: string;
  name: string;
  /** Total bytes of the file. */
  size: number;
  /** Bytes the BFF has received and forwarded; the next PATCH starts here. */
  offset: number;
  state: UploadState;
  /** Why it failed or was cancelled. */
  message?: string;
  /** While `paused`: when the BFF gives up waiting for a resume (RFC 3339). */
  resumeDeadline?: string;
  /** The image's own view (GET only): `status.phase` and `status.progress` from the cluster. */
  image?: { phase?: string; progress?: string };
}

/** The JSON endpoints of uploads (PATCH and HEAD carry raw bytes/headers: see above). */
export const uploadEndpoints = {
  uploadCreate: endpoint({
    name: 'uploadCreate',
    method: 'POST',
    path: UPLOADS_PATH,
    params: z.object({}),
    query: z.object({}),
    body: UploadCreateBodySchema,
  }).response<UploadInfo>(),
  uploadView: endpoint({
    name: 'uploadView',
    method: 'GET',
    path: UPLOAD_PATH,
    params: UploadParamsSchema,
    query: z.object({}),
  }).response<UploadInfo>(),
  uploadDelete: endpoint({
    name: 'uploadDelete',
    method: 'DELETE',
    path: UPLOAD_PATH,
    params: UploadParamsSchema,
    query: z.object({}),
  }).response<UploadInfo>(),
};
