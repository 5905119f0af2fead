import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { REFS } from './sources.ts';
import { statusOf } from './spec.ts';

/** Removes an image's files: its DVCR repository or its PVC (object and volume). */
export async function removeImageData(ctx: ControllerContext, obj: KubeObject): Promise<void> {
  const st = statusOf(obj);
  const ns = obj.metadata.namespace;
  if (st.target?.registryURL) {
    await rm(dirname(ctx.paths.dvcrFile(st.target.registryURL)), { recursive: true, force: true });
  }
  const pvc = st.target?.persistentVolumeClaimName;
  if (pvc && ns) {
    await ctx.client.delete(REFS.pvc, pvc, ns);
    await rm(dirname(ctx.paths.volumeFile(ns, pvc)), { recursive: true, force: true });
  }
}
