import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from './server.ts';
import { sendText } from './files.ts';

/** Whoever receives the uploads of one token (an image waiting for its file). */
export interface UploadReceiver {
  /** True while an upload is being received (a second one gets 503). */
  busy(): boolean;
  /** Takes the raw request body; answers `res` when done. */
  receive(req: IncomingMessage, res: ServerResponse): void;
}

/** A fresh unguessable upload token (192 bits, URL-safe). */
export function newUploadToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The URLs of an upload token: `external`, `inCluster` and the deprecated `uploadCommand`. */
export function uploadUrls(gatewayUrl: string, token: string) {
  const external = `${gatewayUrl}/upload/${token}`;
  return {
    imageUploadURLs: { external, inCluster: `${gatewayUrl}/upload-in-cluster/${token}/upload` },
    uploadCommand: `curl ${external} -T example.iso`,
  };
}

/** The token in an upload URL (external or in-cluster), or undefined. */
export function tokenOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /\/upload(?:-in-cluster)?\/([A-Za-z0-9_-]{16,})(?:\/upload)?\/?$/.exec(url);
  return m?.[1];
}

/**
 * The uploader (DVP `images/dvcr-artifact/pkg/uploader`): `GET` answers 200 (readiness), `PUT`
 * or `POST` take the raw file body, a concurrent second upload gets 503, other methods 404.
 * Routes: `/upload/<token>` and `/upload-in-cluster/<token>/upload`.
 */
export class Uploads {
  private readonly receivers = new Map<string, UploadReceiver>();

  constructor(private readonly gateway: Gateway) {}

  /** Routes uploads of `token` to `receiver` (replacing an earlier one). */
  set(token: string, receiver: UploadReceiver): void {
    this.receivers.set(token, receiver);
  }

  delete(token: string): void {
    this.receivers.delete(token);
  }

  register(): void {
    const handler = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
      const token = tokenOf(url.pathname);
      const receiver = token ? this.receivers.get(token) : undefined;
      if (!receiver) {
        req.resume();
        sendText(res, 404, 'no upload is expected at this address (wrong or expired URL)');
        return true;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        sendText(res, 200, receiver.busy() ? 'upload in progress' : 'ready for upload');
        return true;
      }
      if (req.method !== 'PUT' && req.method !== 'POST') {
        req.resume();
        sendText(res, 404, 'use PUT or POST with the image file as the body');
        return true;
      }
      if (receiver.busy()) {
        req.resume();
        sendText(res, 503, 'another upload to this image is in progress; wait for it to finish', {
          'Retry-After': '10',
        });
        return true;
      }
      receiver.receive(req, res);
      return true;
    };
    this.gateway.route('/upload/', handler);
    this.gateway.route('/upload-in-cluster/', handler);
  }
}
