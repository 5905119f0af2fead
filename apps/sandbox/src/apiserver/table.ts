/**
 * `meta.k8s.io` Table responses for `kubectl get`, built the way kube-apiserver builds them for
 * custom resources (apiextensions-apiserver `tableconvertor.go` + endpoints `asTable`): a `Name`
 * column, then the printer columns in order; a cell is `null` when its path finds nothing;
 * `date` cells are human ages; `string` cells print scalars as text and objects as JSON.
 */
import type { PrinterColumn, ResourceDefinition } from '@dvp/api';
import { humanAge } from './duration.ts';
import { errors } from './errors.ts';
import { compileJsonPath, JsonPathError, type CompiledJsonPath } from './jsonpath.ts';
import type { KubeObject, ObjectMeta } from './types.ts';

/** `?includeObject=`: what each row carries besides its cells (kube's default is Metadata). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';
export type TableVersion = 'v1' | 'v1beta1';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: Record<string, unknown>;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: `meta.k8s.io/${TableVersion}`;
  metadata: TableListMeta;
  /** Absent with `omitHeaders` (later events of a watch); kubectl reuses the first header. */
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableOptions {
  includeObject: IncludeObject;
  now: Date;
  /** The list's metadata; without it a single object's resourceVersion is used. */
  listMeta?: TableListMeta;
  omitHeaders?: boolean;
  /** The negotiated Table version (`v1` unless the client only accepts `v1beta1`). */
  version?: TableVersion;
}

/** `ObjectMeta.name`'s description, which kube uses for every Name column. */
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** The column definitions of a kind: Name, then its printer columns. */
export function tableColumns(def: ResourceDefinition): TableColumnDefinition[] {
  return [
    { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
    ...def.printerColumns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description:
        c.description ??
        (c.jsonPath ? `Custom resource definition column (in JSONPath format): ${c.jsonPath}` : ''),
      priority: c.priority ?? 0,
    })),
  ];
}

/** Go's json.Marshal for JSON-shaped values: map keys sorted, `<>&` escaped. */
function goJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : typeof x === 'object' && x !== null
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** One cell from the first match of a column (tableconvertor `cellForJSONValue`). */
export function cellValue(type: PrinterColumn['type'], value: unknown, now: Date): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      // jsonpath PrintResults: strings as-is, scalars via fmt, maps and lists as JSON.
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return goJson(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? humanAge(value, now) : null;
  }
}

const compiled = new WeakMap<PrinterColumn, CompiledJsonPath | null>();

function pathOf(col: PrinterColumn): CompiledJsonPath | null {
  let p = compiled.get(col);
  if (p === undefined) {
    try {
      p = col.jsonPath ? compileJsonPath(col.jsonPath) : null;
    } catch (e) {
      // kube refuses to serve a CRD with a bad column; a built-in table is a programming error.
      if (e instanceof JsonPathError) {
        throw errors.internal(`unrecognized column definition ${JSON.stringify(col.jsonPath)}`);
      }
      throw e;
    }
    compiled.set(col, p);
  }
  return p;
}

function columnValue(col: PrinterColumn, obj: KubeObject): unknown {
  if (col.compute) return col.compute(obj);
  const p = pathOf(col);
  // Only the first result counts, as in kube (`results[0][0]`): no comma-joining.
  return p ? p.find(obj)[0] : undefined;
}

/** The cells of one object's row. */
export function tableCells(def: ResourceDefinition, obj: KubeObject, now: Date): unknown[] {
  return [
    obj.metadata.name ?? '',
    ...def.printerColumns.map((c) => cellValue(c.type, columnValue(c, obj), now)),
  ];
}

/** `meta.AsPartialObjectMetadata` minus managedFields, which no table consumer reads. */
export function partialObjectMetadata(
  obj: KubeObject,
  version: TableVersion = 'v1',
): Record<string, unknown> {
  const { managedFields: _drop, ...metadata }: ObjectMeta = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata };
}

function rowObject(
  obj: KubeObject,
  include: IncludeObject,
  version: TableVersion,
): Record<string, unknown> | undefined {
  if (include === 'Object') return obj;
  if (include === 'Metadata') return partialObjectMetadata(obj, version);
  return undefined;
}

/** Builds the Table for a list (or one object) of `def`. */
export function buildTable(
  def: ResourceDefinition,
  objects: readonly KubeObject[],
  opts: TableOptions,
): Table {
  const version = opts.version ?? 'v1';
  const single = objects.length === 1 ? objects[0]?.metadata.resourceVersion : undefined;
  const metadata: TableListMeta = opts.listMeta ?? (single ? { resourceVersion: single } : {});
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata,
    ...(opts.omitHeaders ? {} : { columnDefinitions: tableColumns(def) }),
    rows: objects.map((obj) => {
      const object = rowObject(obj, opts.includeObject, version);
      return { cells: tableCells(def, obj, opts.now), ...(object ? { object } : {}) };
    }),
  };
}

/** The one-row Table a watch event carries for `kubectl get -w`. */
export function watchEventTable(
  def: ResourceDefinition,
  obj: KubeObject,
  opts: Omit<TableOptions, 'listMeta'>,
): Table {
  return buildTable(def, [obj], opts);
}

/** Validates `?includeObject=`: absent means Metadata; anything unknown is a 400 like kube. */
export function parseIncludeObject(value: string | null | undefined): IncludeObject {
  if (value === null || value === undefined || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw errors.badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}

/** The outcome of Accept negotiation: a Table, or the object/list as JSON. */
export type Negotiated =
  | { table: false; contentType: 'application/json' }
  | { table: true; version: TableVersion; contentType: string };

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
  index: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((clause, index) => {
      const [type = '', ...rest] = clause.split(';').map((p) => p.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
      }
      const q = Number(params.get('q') ?? '1');
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((m) => m.type !== '' && m.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

function accepts(m: MediaRange): Negotiated | undefined {
  if (!['application/json', 'application/*', '*/*'].includes(m.type)) return undefined;
  const as = m.params.get('as');
  if (as === undefined) return { table: false, contentType: 'application/json' };
  const v = m.params.get('v');
  // Only Table is converted to; PartialObjectMetadata(List) and others are not served here.
  if (as !== 'Table' || m.params.get('g') !== 'meta.k8s.io') return undefined;
  if (v !== 'v1' && v !== 'v1beta1') return undefined;
  return { table: true, version: v, contentType: `application/json;as=Table;v=${v};g=meta.k8s.io` };
}

/**
 * Picks the response format from an Accept header (kubectl's Table list, `application/json`,
 * `*\/*`, client-node's `application/json, *\/*;q=0.8`, or protobuf-first lists, of which we
 * serve the JSON). Throws 406 when nothing acceptable is offered.
 */
export function negotiate(accept: string | undefined): Negotiated {
  if (accept === undefined || accept.trim() === '') {
    return { table: false, contentType: 'application/json' };
  }
  for (const m of parseAccept(accept)) {
    const n = accepts(m);
    if (n) return n;
  }
  throw errors.notAcceptable('only the following media types are accepted: application/json');
}
