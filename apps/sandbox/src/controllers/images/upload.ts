import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { KubeObject } from '../../apiserver/types.ts';
import type { ResourceRef } from '../runtime/client.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { sendText } from '../../gateway/files.ts';
import { ChecksumVerifier, mismatchMessage, unsupportedChecksums } from './checksum.ts';
import { inspectImage } from './detect.ts';
import { ImportError, UploadInterrupted } from './errors.ts';
import { Progress, scratchOf, storeImage, type ImportResult, type PvcPlan } from './importer.ts';
import { dataSourceOf, type ImageKind } from './spec.ts';
import { cond, mergeConditions } from './status.ts';

/**
 * Receives an upload's raw body (`curl -T file URL` or `--data-binary @file`), verifies the
 * optional `upload.checksum`, inspects and stores the image, and answers the client. A client
 * that disconnects mid-body makes this throw {@link UploadInterrupted}.
 */
export async function receiveUpload(
  ctx: ControllerContext,
  kind: ImageKind,
  ref: ResourceRef,
  obj: KubeObject,
  req: IncomingMessage,
  res: ServerResponse,
  pvc: PvcPlan | undefined,
  signal: AbortSignal,
): Promise<ImportResult> {
  const scratch = scratchOf(ctx, obj);
  const raw = join(scratch, 'upload');
  const progress = new Progress(ctx, ref, obj);
  const checksum = dataSourceOf(obj).upload?.checksum;
  const total = Number(req.headers['content-length']);
  let bytes = 0;
  try {
    const unsupported = unsupportedChecksums(checksum);
    if (unsupported.length > 0)
      throw new ImportError(
        `The ${unsupported.join(' and ')} checksum is not supported by the sandbox: remove it or give md5, sha1, sha256 or sha512 instead.`,
      );
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    await ctx.client.patchStatus(ref, obj, {
      phase: 'Provisioning',
      progress: '0.0%',
      conditions: mergeConditions(obj, [
        cond('Ready', 'False', 'Provisioning', 'Receiving the uploaded file.'),
      ]),
    });
    if (Number.isFinite(total) && total > 0) progress.setTotal(total);
    const verifier = new ChecksumVerifier(checksum);
    try {
      await pipeline(
        req,
        async function* (src: AsyncIterable<Buffer>) {
          for await (const c of src) {
            bytes += c.length;
            verifier.update(c);
            progress.data(c);
            yield c;
          }
        },
        createWriteStream(raw),
        { signal },
      );
    } catch (e) {
      if (signal.aborted) throw e;
      if (!req.complete) throw interrupted(bytes, total);
      throw e;
    }
    if (!req.complete || (Number.isFinite(total) && total > 0 && bytes < total))
      throw interrupted(bytes, total);
    if (bytes === 0)
      throw new ImportError(
        'The upload was empty: send the image file as the request body (curl -T <file> <url>).',
      );
    const bad = verifier.mismatches();
    if (bad.length > 0) throw new ImportError(mismatchMessage('the uploaded file', bad));
    await progress.flush();
    const facts = await inspectImage(raw, 'the uploaded file');
    const stored = await storeImage(ctx, kind, obj, facts.file, pvc);
    if (!res.writableEnded) sendText(res, 200, `upload complete: ${facts.format}, ${bytes} bytes`);
    const { file: _file, ...rest } = facts;
    return {
      uid: obj.metadata.uid ?? '',
      facts: rest,
      ...stored,
      speed: progress.meter.status(Date.now()),
    };
  } catch (e) {
    if (!res.headersSent && !res.destroyed) {
      const code = e instanceof ImportError ? 400 : 500;
      req.resume();
      sendText(res, code, e instanceof Error ? e.message : String(e), { Connection: 'close' });
    }
    throw e;
  } finally {
    await progress.cancel();
    await rm(scratch, { recursive: true, force: true });
  }
}

function interrupted(bytes: number, total: number): UploadInterrupted {
  const of = Number.isFinite(total) && total > 0 ? ` of ${total}` : '';
  return new UploadInterrupted(
    `The upload was interrupted after ${bytes}${of} bytes (the client disconnected before sending the whole file); the image still waits for its file: upload it again.`,
  );
}
