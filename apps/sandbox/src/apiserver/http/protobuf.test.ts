import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors.ts';
import { decodeProtobufObject } from './protobuf.ts';

/** A tiny protobuf writer, enough to build what kubectl sends. */
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}
const field = (no: number, value: Buffer | string) => {
  const b = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([varint((no << 3) | 2), varint(b.length), b]);
};
const entry = (no: number, k: string, v: Buffer | string) =>
  field(no, Buffer.concat([field(1, k), field(2, v)]));

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([field(1, apiVersion), field(2, kind)]);
  return Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0]),
    field(1, typeMeta),
    field(2, raw),
    field(4, 'application/vnd.kubernetes.protobuf'),
  ]);
}

describe('decodeProtobufObject', () => {
  it('decodes a Namespace with labels as kubectl create namespace sends it', () => {
    const meta = Buffer.concat([field(1, 'team-a'), entry(11, 'env', 'dev')]);
    const obj = decodeProtobufObject(envelope('v1', 'Namespace', field(1, meta)));
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { env: 'dev' } },
    });
  });

  it('decodes Secret data as base64 and its type, and ConfigMap data as text', () => {
    const secret = Buffer.concat([
      field(1, field(1, 's1')),
      entry(2, 'pw', Buffer.from([0xff, 0x00])),
      field(3, 'Opaque'),
    ]);
    expect(decodeProtobufObject(envelope('v1', 'Secret', secret))).toMatchObject({
      kind: 'Secret',
      type: 'Opaque',
      data: { pw: Buffer.from([0xff, 0x00]).toString('base64') },
    });
    const cm = Buffer.concat([field(1, field(1, 'c1')), entry(2, 'a', 'b')]);
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', cm))).toMatchObject({
      data: { a: 'b' },
    });
  });

  it('answers other kinds with 415 and garbage with 400', () => {
    const codeOf = (body: Buffer): number => {
      try {
        decodeProtobufObject(body);
        return 0;
      } catch (e) {
        return e instanceof StatusError ? e.code : -1;
      }
    };
    expect(codeOf(envelope('apps/v1', 'Deployment', Buffer.alloc(0)))).toBe(415);
    expect(codeOf(Buffer.from('not protobuf'))).toBe(400);
    expect(codeOf(envelope('v1', 'Namespace', field(1, field(1, 'x'))).subarray(0, 12))).toBe(400);
  });
});
