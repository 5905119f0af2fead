import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { errors } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { decodeProtobufObject } from './protobuf.ts';

/** kube-apiserver's default limit for a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes with 413. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(errors.tooLarge(`Request entity too large: limit is ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(errors.tooLarge(`Request entity too large: limit is ${limit}`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Decodes a JSON or YAML object body into an object with `metadata`; malformed input is a 400
 * naming the problem, as kube-apiserver's decoder does.
 */
export function decodeObject(body: Buffer, contentType: string | undefined): KubeObject {
  const type = mediaType(contentType);
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  let value: unknown;
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') {
    try {
      value = parseYaml(text);
    } catch (e) {
      throw errors.badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
    }
  } else if (type === '' || type === 'application/json' || type === '*/*') {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(
        `the object provided is unrecognized: couldn't get version/kind; json parse error: ${(e as Error).message}`,
      );
    }
  } else {
    throw errors.unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw errors.badRequest(
      "the object provided is unrecognized: couldn't get version/kind; json parse error: expected an object",
    );
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.kind !== 'string' || !obj.kind) {
    throw errors.badRequest("Object 'Kind' is missing in request body");
  }
  if (obj.apiVersion !== undefined && typeof obj.apiVersion !== 'string') {
    throw errors.badRequest('apiVersion must be a string');
  }
  if (obj.metadata === undefined) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) {
    throw errors.badRequest('metadata must be an object');
  }
  const meta = obj.metadata as Record<string, unknown>;
  for (const k of ['name', 'generateName', 'namespace', 'resourceVersion', 'uid'] as const) {
    if (meta[k] !== undefined && typeof meta[k] !== 'string') {
      throw errors.badRequest(`metadata.${k} must be a string`);
    }
  }
  for (const k of ['labels', 'annotations'] as const) {
    const v = meta[k];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw errors.badRequest(`metadata.${k} must be an object of strings`);
    }
    if (v === null) delete meta[k];
  }
  for (const k of ['finalizers', 'ownerReferences'] as const) {
    const v = meta[k];
    if (v !== undefined && v !== null && !Array.isArray(v)) {
      throw errors.badRequest(`metadata.${k} must be an array`);
    }
    if (v === null) delete meta[k];
  }
  return obj as KubeObject;
}

/** Parses an optional JSON body (DeleteOptions); empty means none. */
export function decodeOptional(body: Buffer): Record<string, unknown> | undefined {
  const text = body.toString('utf8').trim();
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`error decoding DeleteOptions: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw errors.badRequest('DeleteOptions must be a JSON object');
  }
  return v as Record<string, unknown>;
}
