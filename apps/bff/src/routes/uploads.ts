import type { Request, Response, Router } from 'express';
import {
  endpoints,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  UPLOAD_PATH,
  UploadParamsSchema,
  UPLOADS_PATH,
  type UploadCreateBody,
} from '@dvp/api';
import type { AppContext } from '../context.ts';
import { created, route } from '../http/endpoint.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { statusErrors } from '../k8s/status.ts';
import type { UploadSession } from '../uploads/session.ts';
import { UploadStore } from '../uploads/store.ts';
import { imageProgress, uploadTarget } from '../uploads/target.ts';

const OFFSET = /^\d{1,16}$/;

function progressHeaders(res: Response, s: UploadSession): void {
  res.setHeader(UPLOAD_OFFSET_HEADER, String(s.offset));
  res.setHeader(UPLOAD_LENGTH_HEADER, String(s.size));
  res.setHeader('Cache-Control', 'no-store');
}

function describe(b: UploadCreateBody): string {
  return b.namespace ? `${b.namespace}/${b.name}` : b.name;
}

/**
 * Image uploads streamed through the BFF to the image's upload URL, resumable (the protocol is
 * documented in `packages/api/src/contract/uploads.ts`). Sessions live in memory (`UploadStore`);
 * the bytes flow through `UploadSession` with constant memory.
 */
export function registerUploadRoutes(router: Router, ctx: AppContext): { close(): void } {
  const store = new UploadStore({
    resumeMs: ctx.env.UPLOAD_RESUME_SECONDS * 1000,
    onBytes: (n) => ctx.metrics.uploadBytes.inc(n),
  });
  router.use(UPLOADS_PATH, rateLimit(ctx.env.UPLOAD_RATE_PER_MINUTE, 'upload requests'));

  const session = (req: Request): UploadSession => {
    if (!req.auth) throw statusErrors.unauthorized();
    const params = UploadParamsSchema.safeParse(req.params);
    if (!params.success) throw statusErrors.notFound('upload not found');
    return store.get(req.auth.identity.key, params.data.id);
  };

  route(router, endpoints.uploadCreate, async ({ body, auth, res, signal }) => {
    const key = auth.identity.key;
    // The caller's own session for this image (a reloaded page resumes it).
    const resume = (s: UploadSession | undefined) => {
      if (!s) return undefined;
      if (s.owner !== key)
        throw statusErrors.conflict(`another upload to ${describe(body)} is in progress`);
      if (s.size !== body.size)
        throw statusErrors.conflict(
          `an upload of ${s.size} bytes to ${describe(body)} is in progress: cancel it (DELETE ${UPLOADS_PATH}/${s.id}) to send another file`,
        );
      progressHeaders(res, s);
      return s.info();
    };
    const mine = store.findOpen(body);
    const resumed = mine?.owner === key ? resume(mine) : undefined;
    if (resumed) return resumed;
    // As the user: the cluster decides whether they may see the image (and so its upload URL).
    const target = await uploadTarget(ctx.rest, auth.identity, body, signal);
    const again = resume(store.findOpen(body));
    if (again) return again;
    const s = store.create(key, target, body.size);
    ctx.logger.info('upload started', {
      upload: s.id,
      resource: body.resource,
      image: describe(body),
      size: body.size,
      identity: key,
    });
    progressHeaders(res, s);
    return created(s.info());
  });

  router.head(UPLOAD_PATH, (req: Request, res: Response) => {
    progressHeaders(res, session(req));
    res.status(200).end();
  });

  route(router, endpoints.uploadView, async ({ req, res, auth }) => {
    const s = session(req);
    progressHeaders(res, s);
    const image = await imageProgress(ctx.rest, auth.identity, s.target);
    return { ...s.info(), ...(image ? { image } : {}) };
  });

  route(router, endpoints.uploadDelete, ({ req }) => {
    const s = session(req);
    if (s.final) store.remove(s);
    else s.cancel();
    return Promise.resolve(s.info());
  });

  router.patch(UPLOAD_PATH, async (req: Request, res: Response) => {
    const s = session(req);
    res.setHeader('Cache-Control', 'no-store');
    // Until the body is read, an error answer closes the connection (the rest is not drained).
    const refuse = (e: unknown) => {
      res.setHeader(UPLOAD_OFFSET_HEADER, String(s.offset));
      if (!req.complete) res.setHeader('Connection', 'close');
      return e;
    };
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== UPLOAD_CONTENT_TYPE)
      throw refuse(
        statusErrors.unsupportedMediaType(
          `upload bodies are sent as Content-Type: ${UPLOAD_CONTENT_TYPE}`,
        ),
      );
    const raw = req.headers['upload-offset'];
    if (typeof raw !== 'string' || !OFFSET.test(raw))
      throw refuse(
        statusErrors.badRequest(
          `the ${UPLOAD_OFFSET_HEADER} header must give the byte offset this body starts at (a non-negative integer)`,
        ),
      );
    const length = req.headers['content-length'];
    try {
      await s.feed(req, Number(raw), length === undefined ? undefined : Number(length));
    } catch (e) {
      throw refuse(e);
    }
    // A dropped (or taken over) connection has nobody to answer; the session waits.
    if (!res.socket || res.socket.destroyed) return;
    progressHeaders(res, s);
    res.status(200).json(s.info());
  });

  return { close: () => store.close() };
}
