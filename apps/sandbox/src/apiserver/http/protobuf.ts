import { errors } from '../errors.ts';
import type { KubeObject } from '../types.ts';

/**
 * kubectl ≥1.30 sends built-in objects as Kubernetes protobuf (`kubectl create namespace x`,
 * `create configmap`, `create secret`). This decodes the envelope (`k8s\0` + runtime.Unknown) and
 * the few kinds those generators produce, with field numbers from k8s.io/api generated.proto
 * (core/v1 Namespace, ConfigMap, Secret; meta/v1 ObjectMeta). Everything else gets a 415 that
 * says to send JSON, which every client can.
 */

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { no: number; wire: number; value: bigint | Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++] ?? 0;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new Error('varint too long');
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ no, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ no, wire, value: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

const str = (f: Field) => (Buffer.isBuffer(f.value) ? f.value.toString('utf8') : '');
const bytes = (f: Field) => (Buffer.isBuffer(f.value) ? f.value : Buffer.alloc(0));

function mapEntry(f: Field): [string, Buffer] {
  let key = '';
  let value: Buffer = Buffer.alloc(0);
  for (const e of fields(bytes(f))) {
    if (e.no === 1) key = str(e);
    if (e.no === 2) value = bytes(e);
  }
  return [key, value];
}

function objectMeta(buf: Buffer): KubeObject['metadata'] {
  const meta: KubeObject['metadata'] = {};
  for (const f of fields(buf)) {
    switch (f.no) {
      case 1:
        meta.name = str(f);
        break;
      case 2:
        meta.generateName = str(f);
        break;
      case 3:
        meta.namespace = str(f);
        break;
      case 6:
        meta.resourceVersion = str(f);
        break;
      case 11:
      case 12: {
        const [k, v] = mapEntry(f);
        const key = f.no === 11 ? 'labels' : 'annotations';
        meta[key] = { ...meta[key], [k]: v.toString('utf8') };
        break;
      }
      case 14:
        meta.finalizers = [...(meta.finalizers ?? []), str(f)];
        break;
      default:
      // uid, timestamps, owner references and managed fields are the server's to set.
    }
  }
  return meta;
}

function decodeKind(kind: string, raw: Buffer): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind, metadata: {} };
  for (const f of fields(raw)) {
    if (f.no === 1) {
      obj.metadata = objectMeta(bytes(f));
      continue;
    }
    if (kind === 'ConfigMap' && (f.no === 2 || f.no === 3)) {
      const [k, v] = mapEntry(f);
      const key = f.no === 2 ? 'data' : 'binaryData';
      obj[key] = {
        ...(obj[key] as Record<string, string> | undefined),
        [k]: f.no === 2 ? v.toString('utf8') : v.toString('base64'),
      };
    } else if (kind === 'Secret' && (f.no === 2 || f.no === 4)) {
      const [k, v] = mapEntry(f);
      const key = f.no === 2 ? 'data' : 'stringData';
      obj[key] = {
        ...(obj[key] as Record<string, string> | undefined),
        [k]: f.no === 2 ? v.toString('base64') : v.toString('utf8'),
      };
    } else if (kind === 'Secret' && f.no === 3) {
      obj.type = str(f);
    } else if ((kind === 'ConfigMap' && f.no === 4) || (kind === 'Secret' && f.no === 5)) {
      obj.immutable = f.value !== 0n;
    }
    // Namespace spec/status (finalizers, phase) are set by the server.
  }
  return obj;
}

const SUPPORTED = new Set(['Namespace', 'ConfigMap', 'Secret']);

/** Decodes a `application/vnd.kubernetes.protobuf` body into the JSON form of the object. */
export function decodeProtobufObject(body: Buffer): KubeObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw errors.badRequest('protobuf body does not start with the Kubernetes magic number');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  try {
    for (const f of fields(body.subarray(4))) {
      if (f.no === 1) {
        for (const t of fields(bytes(f))) {
          if (t.no === 1) apiVersion = str(t);
          if (t.no === 2) kind = str(t);
        }
      } else if (f.no === 2) {
        raw = bytes(f);
      }
    }
    if (apiVersion !== 'v1' || !SUPPORTED.has(kind)) {
      throw errors.unsupportedMediaType(
        `the sandbox decodes protobuf only for v1 Namespace, ConfigMap and Secret (got ${apiVersion} ${kind}); send application/json instead`,
      );
    }
    return decodeKind(kind, raw);
  } catch (e) {
    if (e instanceof Error && e.name === 'StatusError') throw e;
    throw errors.badRequest(`error decoding protobuf body: ${(e as Error).message}`);
  }
}
