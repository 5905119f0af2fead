import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** Image uploads streamed through the BFF to the image's upload URL, resumable. */
export function registerUploadRoutes(_router: Router, _ctx: AppContext): { close(): void } {
  return { close() {} };
}
