import { setTimeout as delay } from 'node:timers/promises';
import { API_RESOURCES, kubePath, type UploadCreateBody, type UploadResource } from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { KubeRest } from '../k8s/rest.ts';
import { statusErrors } from '../k8s/status.ts';

/** The image an upload feeds. */
export interface UploadTarget {
  resource: UploadResource;
  namespace?: string;
  name: string;
  uid: string;
  /** The image's upload URL (DVP's uploader: PUT the raw file). */
  url: URL;
}

interface ImageLike {
  kind?: string;
  metadata: { uid?: string };
  spec?: { dataSource?: { type?: string } };
  status?: {
    phase?: string;
    progress?: string;
    imageUploadURLs?: { external?: string; inCluster?: string };
    conditions?: { type: string; message?: string }[];
  };
}

/** How long `POST /uploads` waits for a fresh image to publish its upload URL. */
const WAIT_MS = 15_000;
const POLL_MS = 300;

export function imagePath(t: Pick<UploadCreateBody, 'resource' | 'namespace' | 'name'>): string {
  return kubePath(API_RESOURCES[t.resource], t.namespace, t.name);
}

function describe(t: Pick<UploadCreateBody, 'resource' | 'namespace' | 'name'>): string {
  const kind = API_RESOURCES[t.resource].kind;
  return t.namespace ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.name}`;
}

/**
 * Reads the image AS THE USER (so a 403/404 is the cluster's) until it waits for an upload
 * (phase `WaitForUserUpload` with `status.imageUploadURLs`), for up to 15 s: a just-created
 * image needs a moment. Refuses images that do not take uploads or are past that phase.
 * The URL carries its own capability (a random path, no credentials), as in DVP: whoever may
 * read the image's status may upload, so the BFF lends nothing the cluster would not.
 */
export async function uploadTarget(
  rest: KubeRest,
  identity: Identity,
  body: UploadCreateBody,
  signal: AbortSignal,
): Promise<UploadTarget> {
  const what = describe(body);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const image = await rest.request<ImageLike>(identity, { path: imagePath(body), signal });
    const source = image.spec?.dataSource?.type;
    if (source !== 'Upload')
      throw statusErrors.badRequest(
        `${what} does not take uploads: its dataSource.type is ${source ?? 'unset'}, not Upload`,
      );
    const phase = image.status?.phase ?? '';
    const urls = image.status?.imageUploadURLs;
    const raw = urls?.external || urls?.inCluster;
    if (phase === 'WaitForUserUpload' && raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw statusErrors.conflict(`${what} publishes an upload URL that is not a URL`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw statusErrors.conflict(`${what} publishes an upload URL that is not http(s)`);
      return { ...body, uid: image.metadata.uid ?? '', url };
    }
    if (phase === 'Ready') throw statusErrors.conflict(`${what} already has its image`);
    if (phase === 'Provisioning')
      throw statusErrors.conflict(`${what} is already receiving or processing an upload`);
    if (phase === 'Failed' || phase === 'Terminating' || phase === 'ImageLost') {
      const reason = image.status?.conditions?.find((c) => c.type === 'Ready')?.message;
      throw statusErrors.conflict(
        `${what} cannot take an upload (phase ${phase}${reason ? `: ${reason}` : ''}); recreate it to upload again`,
      );
    }
    if (Date.now() + POLL_MS > deadline)
      throw statusErrors.conflict(
        `${what} is not waiting for an upload yet (phase ${phase || 'unknown'}); try again in a few seconds`,
      );
    await delay(POLL_MS, undefined, { signal });
  }
}

/** The image's own progress, read as the user; undefined when it cannot be read. */
export async function imageProgress(
  rest: KubeRest,
  identity: Identity,
  t: Pick<UploadCreateBody, 'resource' | 'namespace' | 'name'>,
): Promise<{ phase?: string; progress?: string } | undefined> {
  try {
    const image = await rest.request<ImageLike>(identity, { path: imagePath(t) });
    return {
      ...(image.status?.phase ? { phase: image.status.phase } : {}),
      ...(image.status?.progress ? { progress: image.status.progress } : {}),
    };
  } catch {
    return undefined;
  }
}
