/**
 * The kubectl JSONPath dialect (`k8s.io/client-go/util/jsonpath`) as printer columns use it:
 * `.a.b`, `['b.c']`, escaped dots (`.labels.app\.kubernetes\.io/name`), `[n]`, `[-1]`, `[a:b:s]`,
 * `[*]`, `.*`, `..x`, unions (`[0,2]`, `['a','b']`) and filters (`[?(@.type=='Ready')]`,
 * `[?(@.mounted==true)]`, `[?(@.x)]`). Evaluation behaves like `AllowMissingKeys(true)`: a path that
 * leads nowhere yields no results instead of an error, which is what CRD tables rely on.
 */

/** A malformed expression. kube-apiserver rejects such a column (`unrecognized column definition`). */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

type Literal = string | number | boolean | null;
type Operand =
  { kind: 'path'; root: '@' | '$'; segments: Segment[] } | { kind: 'literal'; value: Literal };
type Op = '==' | '!=' | '<' | '>' | '<=' | '>=';

type Segment =
  | { type: 'field'; names: string[] }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'index'; indices: number[] }
  | { type: 'slice'; start?: number; end?: number; step?: number }
  | { type: 'filter'; left: Operand; op?: Op; right?: Operand };

/** A parsed expression; `find` returns every match in document order. */
export interface CompiledJsonPath {
  readonly source: string;
  find(data: unknown): unknown[];
}

const TERMINATORS = new Set(['.', ',', '[', ']', '$', '@', '{', '}', ' ', '\t', '\n', '\r']);

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(why: string): never {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(this.src)}: ${why} at ${this.pos}`);
  }

  segments(): Segment[] {
    const out: Segment[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '.') {
        if (this.src[this.pos + 1] === '.') {
          this.pos += 2;
          out.push({ type: 'recursive' });
          if (this.src[this.pos] === '[') continue;
        } else {
          this.pos += 1;
        }
        out.push(this.field());
      } else if (c === '[') {
        out.push(this.bracket());
      } else {
        this.fail(`unexpected ${JSON.stringify(c)}`);
      }
    }
    return out;
  }

  /** A dotted name; `\x` escapes any character (kube strips the backslashes). */
  field(): Segment {
    let name = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] ?? '';
      if (c === '\\' && this.pos + 1 < this.src.length) {
        name += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (TERMINATORS.has(c)) break;
      name += c;
      this.pos += 1;
    }
    if (name === '') this.fail('missing field name');
    return name === '*' ? { type: 'wildcard' } : { type: 'field', names: [name] };
  }

  bracket(): Segment {
    const close = this.closing();
    const inner = this.src.slice(this.pos + 1, close).trim();
    this.pos = close + 1;
    if (inner === '*') return { type: 'wildcard' };
    if (inner.startsWith('?')) return filter(inner, this.src);
    if (inner.startsWith("'") || inner.startsWith('"')) {
      return { type: 'field', names: splitTop(inner, ',').map((p) => unquote(p.trim(), this.src)) };
    }
    if (inner.includes(':')) return slice(inner, this.src);
    if (inner === '') this.fail('empty brackets');
    const indices = inner.split(',').map((p) => {
      const t = p.trim();
      if (!/^-?\d+$/.test(t)) this.fail(`bad array index ${JSON.stringify(t)}`);
      return Number(t);
    });
    return { type: 'index', indices };
  }

  /** Index of the `]` matching the `[` at `pos`, skipping quoted text and nested brackets. */
  closing(): number {
    let depth = 0;
    let quote = '';
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i];
      if (quote) {
        if (c === '\\') i += 1;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[') depth += 1;
      else if (c === ']' && --depth === 0) return i;
    }
    return this.fail('unclosed [');
  }
}

/** Splits at `sep` outside quotes and parentheses. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth += 1;
    else if (c === ')' || c === ']') depth -= 1;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(text: string, src: string): string {
  const q = text[0];
  if (text.length < 2 || (q !== "'" && q !== '"') || text[text.length - 1] !== q) {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(src)}: bad quoted name ${text}`);
  }
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

function slice(inner: string, src: string): Segment {
  const parts = inner.split(':').map((p) => p.trim());
  if (parts.length > 3 || parts.some((p) => p !== '' && !/^-?\d+$/.test(p))) {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(src)}: bad slice [${inner}]`);
  }
  const num = (p: string | undefined) => (p === undefined || p === '' ? undefined : Number(p));
  const [start, end, step] = [num(parts[0]), num(parts[1]), num(parts[2])];
  return {
    type: 'slice',
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(step !== undefined ? { step } : {}),
  };
}

const OPS: Op[] = ['==', '!=', '<=', '>=', '<', '>'];

function filter(inner: string, src: string): Segment {
  const bad = (why: string) => new JsonPathError(`invalid JSONPath ${JSON.stringify(src)}: ${why}`);
  const body = inner.slice(1).trim();
  if (!body.startsWith('(') || !body.endsWith(')')) throw bad(`bad filter [${inner}]`);
  const expr = body.slice(1, -1).trim();
  for (const op of OPS) {
    const sides = splitTop(expr, op);
    if (sides.length === 2) {
      return {
        type: 'filter',
        left: operand(sides[0] ?? '', src),
        op,
        right: operand(sides[1] ?? '', src),
      };
    }
  }
  const left = operand(expr, src);
  if (left.kind !== 'path') throw bad(`filter needs a path: [${inner}]`);
  return { type: 'filter', left };
}

function operand(text: string, src: string): Operand {
  const t = text.trim();
  if (t.startsWith('@') || t.startsWith('$')) {
    const p = new Parser(t.slice(1));
    try {
      return { kind: 'path', root: t[0] === '$' ? '$' : '@', segments: p.segments() };
    } catch {
      throw new JsonPathError(`invalid JSONPath ${JSON.stringify(src)}: bad filter operand ${t}`);
    }
  }
  if (t.startsWith("'") || t.startsWith('"')) return { kind: 'literal', value: unquote(t, src) };
  if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
  if (t === 'nil' || t === 'null') return { kind: 'literal', value: null };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
  throw new JsonPathError(`invalid JSONPath ${JSON.stringify(src)}: bad filter operand ${t}`);
}

// Array.isArray narrows unknown to any[]; this keeps the elements unknown.
function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !isList(v);
}

function descendants(v: unknown, out: unknown[]): void {
  out.push(v);
  if (isList(v)) for (const x of v) descendants(x, out);
  else if (isMap(v)) for (const x of Object.values(v)) descendants(x, out);
}

function sliceOf(arr: unknown[], s: { start?: number; end?: number; step?: number }): unknown[] {
  const n = arr.length;
  const norm = (i: number) => (i < 0 ? Math.max(0, i + n) : Math.min(i, n));
  const start = norm(s.start ?? 0);
  const end = norm(s.end ?? n);
  const step = s.step ?? 1;
  if (step <= 0) return [];
  const out: unknown[] = [];
  for (let i = start; i < end; i += step) out.push(arr[i]);
  return out;
}

function compare(op: Op, a: Literal, b: Literal): boolean {
  // text/template's eq/lt refuse to compare different kinds; no match is what the column sees.
  if (typeof a !== typeof b || a === null || b === null) {
    return op === '!=' ? a !== b : op === '==' && a === b;
  }
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

function resolve(o: Operand, item: unknown, root: unknown): unknown[] {
  if (o.kind === 'literal') return [o.value];
  return walk(o.segments, [o.root === '$' ? root : item], root);
}

function isLiteral(v: unknown): v is Literal {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function matchesFilter(
  seg: Extract<Segment, { type: 'filter' }>,
  item: unknown,
  root: unknown,
): boolean {
  const lefts = resolve(seg.left, item, root);
  if (!seg.op || !seg.right) return lefts.length > 0;
  const rights = resolve(seg.right, item, root);
  const [l] = lefts;
  const [r] = rights;
  if (lefts.length !== 1 || rights.length !== 1 || !isLiteral(l) || !isLiteral(r)) return false;
  return compare(seg.op, l, r);
}

function step(seg: Segment, v: unknown, root: unknown): unknown[] {
  switch (seg.type) {
    case 'field':
      return isMap(v) ? seg.names.filter((n) => Object.hasOwn(v, n)).map((n) => v[n]) : [];
    case 'wildcard':
      return isList(v) ? v : isMap(v) ? Object.values(v) : [];
    case 'recursive': {
      const out: unknown[] = [];
      descendants(v, out);
      return out;
    }
    case 'index':
      if (!isList(v)) return [];
      return seg.indices
        .map((i) => (i < 0 ? i + v.length : i))
        .filter((i) => i >= 0 && i < v.length)
        .map((i) => v[i]);
    case 'slice':
      return isList(v) ? sliceOf(v, seg) : [];
    case 'filter':
      return isList(v) ? v.filter((item) => matchesFilter(seg, item, root)) : [];
  }
}

function walk(segments: Segment[], start: unknown[], root: unknown): unknown[] {
  let cur = start;
  for (const seg of segments) {
    // A null value has no children (kube's template.Indirect skips nil).
    cur = cur.filter((v) => v !== undefined && (v !== null || seg.type === 'recursive'));
    cur = cur.flatMap((v) => step(seg, v, root));
  }
  return cur.filter((v) => v !== undefined);
}

/** Parses an expression with or without the surrounding `{}` and the leading `$`. */
export function compileJsonPath(expr: string): CompiledJsonPath {
  let body = expr.trim();
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1).trim();
  if (body.startsWith('$')) body = body.slice(1);
  if (body === '') return { source: expr, find: (data) => [data] };
  if (body[0] !== '.' && body[0] !== '[') {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(expr)}: must start with '.' or '['`);
  }
  const segments = new Parser(body).segments();
  return { source: expr, find: (data) => walk(segments, [data], data) };
}

const cache = new Map<string, CompiledJsonPath>();

/** Every match of `expr` in `data` (compiled expressions are cached). */
export function findJsonPath(expr: string, data: unknown): unknown[] {
  let compiled = cache.get(expr);
  if (!compiled) {
    compiled = compileJsonPath(expr);
    // Column paths are a fixed set; the bound only guards against unexpected callers.
    if (cache.size > 1000) cache.clear();
    cache.set(expr, compiled);
  }
  return compiled.find(data);
}
