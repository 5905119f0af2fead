import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../apiserver/types.ts';
import { Catalogue } from '../../gateway/catalogue.ts';
import { OciRegistry } from '../../gateway/registry.ts';
import { Uploads } from '../../gateway/uploads.ts';
import { imageFileOf } from '../../storage/resolve.ts';
import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { ImageController } from './controller.ts';
import { REFS } from './sources.ts';
import { CVI, statusOf, VI } from './spec.ts';

/**
 * The images controllers of the sandbox (VirtualImage, ClusterVirtualImage) and their data
 * plane on the gateway: the demo catalogue (`/catalogue/`), the uploader (`/upload/…`) and a
 * read-only OCI registry of Ready images and the catalogue (`/v2/`).
 */
export function imageControllers(ctx: ControllerContext): Controller[] {
  // Nothing runs yet: whatever a previous run left in scratch is stale.
  rmSync(ctx.paths.scratchDir(), { recursive: true, force: true });
  const catalogue = new Catalogue(ctx.catalogueDir, join(ctx.dataDir, 'catalogue'), ctx.gateway);
  catalogue.register();
  const readyFile = (o: KubeObject | undefined) =>
    o && statusOf(o).phase === 'Ready' ? imageFileOf(ctx.paths, o) : undefined;
  new OciRegistry(ctx.gateway, (repo) => {
    if (repo.startsWith('catalogue/')) return catalogue.repositoryFile(repo);
    const parts = repo.split('/');
    if (parts[0] === 'cvi' && parts.length === 2)
      return readyFile(ctx.informers.for(REFS.cvi).get(parts[1] ?? ''));
    if (parts[0] === 'vi' && parts.length === 3)
      return readyFile(ctx.informers.for(REFS.vi).get(parts[2] ?? '', parts[1]));
    return undefined;
  }).register();
  const uploads = new Uploads(ctx.gateway);
  uploads.register();
  return [new ImageController(ctx, VI, uploads), new ImageController(ctx, CVI, uploads)];
}
