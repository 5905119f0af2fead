import type { NextFunction, Request, Response } from 'express';
import { makeStatus, StatusError, statusForCode } from '../k8s/status.ts';
import type { Logger } from './logger.ts';

/** body-parser's errors carry `type` and `status`. */
interface ParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * The last middleware: every error becomes a Kubernetes Status. Cluster Statuses pass through;
 * unexpected errors are 500 with the request id and a generic message (details go to the log).
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let status;
    // Anything can be thrown; only objects carry parser fields.
    const p = (typeof err === 'object' && err !== null ? err : {}) as ParserError;
    if (err instanceof StatusError) {
      status = err.status;
    } else if (p.type === 'entity.too.large') {
      status = makeStatus(413, 'RequestEntityTooLarge', 'the request body is too large');
    } else if (p.type === 'entity.parse.failed') {
      status = makeStatus(400, 'BadRequest', 'the request body is not valid JSON');
    } else if (p.type === 'encoding.unsupported' || p.type === 'charset.unsupported') {
      status = makeStatus(415, 'UnsupportedMediaType', 'unsupported request body encoding');
    } else if (typeof p.status === 'number' && p.status >= 400 && p.status < 500) {
      // Router and parser errors (a path that does not decode, an aborted body…): their own
      // messages can quote internals, so only the code is kept.
      const byCode = statusForCode(p.status, 'the request is malformed');
      status =
        byCode.reason === 'InternalError'
          ? makeStatus(p.status, 'BadRequest', 'the request is malformed')
          : byCode;
    } else {
      logger.error('unhandled error', {
        reqId: req.id,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      status = makeStatus(500, 'InternalError', `internal error (request id ${req.id})`);
    }
    if (status.code >= 500) res.setHeader('X-Request-Id', req.id);
    res.status(status.code).json(status);
  };
}
