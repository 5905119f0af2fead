/**
 * RFC 6902 JSON patch (`application/json-patch+json`, client-node's default patch type), with the
 * behaviour and error texts of gopkg.in/evanphx/json-patch.v4 that kube-apiserver uses:
 * - failures answer 422 `Invalid` "the server rejected our request due to an error in our
 *   request" with the library's message as an `UnexpectedServerResponse` cause;
 * - negative array indices count from the end;
 * - `replace` of a missing object key adds it (v4 does not check object keys, only indices).
 */
import type { FieldCause } from '@dvp/api';
import { errors, StatusError } from '../errors.ts';
import { clone, goJsonKind, isList, isObject, jsonEqual, setKey, type JsonObject } from './json.ts';

/** kube-apiserver's cap on operations per patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

class PatchFailure extends Error {}

function fail(message: string): never {
  throw new PatchFailure(message);
}

/** kube's NewGenericServerResponse(422, …): the library message travels as a field-less cause. */
function rejected(message: string): StatusError {
  // The cause has no field, as in kube (`field` is omitempty there); kubectl prints
  // "The request is invalid: : <message>" from it.
  const cause = { reason: 'UnexpectedServerResponse', message } as FieldCause;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: { causes: [cause] },
    code: 422,
  });
}

function decodeKey(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Go's strconv.Atoi, with its error text. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) fail(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

type Container = JsonObject | unknown[];

/** The value at `key`, or undefined; arrays throw for bad or out-of-range indices. */
function get(con: Container, key: string): unknown {
  if (!isList(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.length) fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += con.length;
  }
  if (idx >= con.length) fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return con[idx];
}

function add(con: Container, key: string, value: unknown): void {
  if (!isList(con)) return setKey(con, key, value);
  if (key === '-') {
    con.push(value);
    return;
  }
  if (!/^[+-]?\d+$/.test(key)) {
    fail(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`,
    );
  }
  let idx = Number(key);
  const size = con.length + 1;
  if (idx >= size || idx < -size) fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) idx += size;
  con.splice(idx, 0, value);
}

function remove(con: Container, key: string): void {
  if (!isList(con)) {
    if (!Object.hasOwn(con, key)) fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete con[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= con.length || idx < -con.length) {
    fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  }
  if (idx < 0) idx += con.length;
  con.splice(idx, 1);
}

function set(con: Container, key: string, value: unknown): void {
  if (!isList(con)) return setKey(con, key, value);
  let idx = atoi(key);
  if (idx < 0) idx += con.length;
  con[idx] = value;
}

/** The container holding the pointer's last token, or undefined when the path does not exist. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(cur, decodeKey(part));
    } catch {
      return undefined;
    }
    if (!isObject(next) && !isList(next)) return undefined;
    cur = next;
  }
  return [cur, decodeKey(split[split.length - 1] ?? '')];
}

interface Op {
  kind: string;
  path: string | undefined;
  from: string | undefined;
  hasValue: boolean;
  value: unknown;
}

function readOp(raw: JsonObject | null): Op {
  const str = (k: string) => (raw && typeof raw[k] === 'string' ? raw[k] : undefined);
  return {
    kind: str('op') ?? 'unknown',
    path: str('path'),
    from: str('from'),
    hasValue: !!raw && Object.hasOwn(raw, 'value'),
    // evanphx stores a missing value as JSON null.
    value: raw && Object.hasOwn(raw, 'value') ? clone(raw.value) : null,
  };
}

function need(p: string | undefined, what: string): string {
  return p ?? fail(`${what}: ${MISSING}`);
}

function wrap(prefix: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchFailure) fail(`${prefix}: ${e.message}`);
    throw e;
  }
}

function applyOp(doc: { root: Container }, op: Op): void {
  switch (op.kind) {
    case 'add': {
      const path = need(op.path, 'add operation failed to decode path');
      const found = findObject(doc.root, path);
      if (!found) fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in add for path: '${path}'`, () => add(found[0], found[1], op.value));
      return;
    }
    case 'remove': {
      const path = need(op.path, 'remove operation failed to decode path');
      const found = findObject(doc.root, path);
      if (!found)
        fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in remove for path: '${path}'`, () => remove(found[0], found[1]));
      return;
    }
    case 'replace': {
      const path = need(
        op.path,
        'replace operation failed to decode path: operation missing path field',
      );
      if (path === '') {
        if (!isObject(op.value) && !isList(op.value))
          fail('replace operation value must be object or array');
        doc.root = op.value;
        return;
      }
      const found = findObject(doc.root, path);
      if (!found)
        fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      try {
        get(found[0], found[1]);
      } catch {
        fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      }
      set(found[0], found[1], op.value);
      return;
    }
    case 'move':
    case 'copy': {
      const what = op.kind;
      const from = need(
        op.from,
        `${what} operation failed to decode from: operation, missing from field`,
      );
      const src = findObject(doc.root, from);
      if (!src)
        fail(`${what} operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let value: unknown;
      const where =
        what === 'move'
          ? `error in move for path: '${src[1]}'`
          : `error in copy for from: '${from}'`;
      wrap(where, () => {
        value = get(src[0], src[1]);
        if (what === 'move') remove(src[0], src[1]);
      });
      const path = need(op.path, `${what} operation failed to decode path`);
      const dst = findObject(doc.root, path);
      if (!dst)
        fail(
          `${what} operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
        );
      const prefix =
        what === 'move'
          ? `error in move for path: '${path}'`
          : 'error while adding value during copy';
      wrap(prefix, () => add(dst[0], dst[1], value === undefined ? null : clone(value)));
      return;
    }
    case 'test': {
      const path = need(
        op.path,
        'test operation failed to decode path: operation missing path field',
      );
      const failed = () => fail(`testing value ${path} failed: test failed`);
      if (path === '') {
        if (!jsonEqual(doc.root, op.value)) failed();
        return;
      }
      const found = findObject(doc.root, path);
      if (!found) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      let actual: unknown;
      wrap(`error in test for path: '${path}'`, () => (actual = get(found[0], found[1])));
      // A missing or null value equals an explicit null.
      if (actual === undefined || actual === null) {
        if (!op.hasValue || op.value !== null) failed();
        return;
      }
      if (!op.hasValue || !jsonEqual(actual, op.value)) failed();
      return;
    }
    default:
      fail(`Unexpected kind: ${op.kind}`);
  }
}

/**
 * Applies a decoded JSON patch (`ops` is the parsed request body) to `doc`, returning a new
 * document; the inputs are not modified. Throws 400 for a body that is not a list of operations,
 * 413 above {@link MAX_JSON_PATCH_OPERATIONS} operations and 422 when an operation fails.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!isList(ops)) {
    throw errors.badRequest(
      `json: cannot unmarshal ${goJsonKind(ops)} into Go value of type jsonpatch.Patch`,
    );
  }
  const bad = ops.find((o) => o !== null && !isObject(o));
  if (bad !== undefined) {
    throw errors.badRequest(
      `json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`,
    );
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw errors.tooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  }
  const root = clone(doc);
  if (!isObject(root) && !isList(root)) {
    throw errors.badRequest('the object to patch must be a JSON object or array');
  }
  const state: { root: Container } = { root };
  try {
    for (const raw of ops) applyOp(state, readOp(isObject(raw) ? raw : null));
  } catch (e) {
    if (e instanceof PatchFailure) throw rejected(e.message);
    throw e;
  }
  return state.root;
}
