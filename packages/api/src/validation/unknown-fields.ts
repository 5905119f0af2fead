/**
 * Dotted paths of the fields present in `input` that parsing pruned from `parsed`, for
 * `fieldValidation=Strict` (`unknown field "spec.foo"`). Null values are not reported: the
 * server drops them rather than treating them as unknown.
 */
export function unknownFields(input: unknown, parsed: unknown): string[] {
  const out: string[] = [];
  walk(input, parsed, '', out);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(input: unknown, parsed: unknown, path: string, out: string[]): void {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    input.forEach((item, i) => walk(item, parsed[i], `${path}[${i}]`, out));
    return;
  }
  if (!isObject(input) || !isObject(parsed)) return;
  for (const [key, value] of Object.entries(input)) {
    const child = path ? `${path}.${key}` : key;
    if (!(key in parsed)) {
      if (value !== null) out.push(child);
      continue;
    }
    walk(value, parsed[key], child, out);
  }
}
