/** Small helpers over parsed JSON values shared by the patch implementations. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Array.isArray narrows unknown to any[]; this keeps the elements unknown. */
export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/**
 * Sets a key as an own data property. Plain assignment of `__proto__` (which JSON.parse happily
 * produces) would replace the object's prototype instead of storing a field.
 */
export function setKey(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

/** A deep copy of a JSON value (patches never share structure with their inputs). */
export function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isList(a) || isList(b)) {
    return isList(a) && isList(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Go's `json: cannot unmarshal <kind>` name of a JSON value's type. */
export function goJsonKind(v: unknown): string {
  if (isList(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
