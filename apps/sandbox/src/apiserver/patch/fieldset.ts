/**
 * Sets of field paths in the FieldsV1 shape of `metadata.managedFields` (structured-merge-diff
 * `fieldpath.Set`). A path is a list of elements: `f:<field>`, `k:<json key object>` (an item of
 * a keyed list), `v:<json value>` (an item of a set) or `i:<index>`. A node is a *member* when the
 * path ending there is in the set; FieldsV1 writes that as `{}` for a leaf and `".": {}` for a
 * node that also has members below it.
 */
import { isObject } from './json.ts';

export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  /** Adds `path` as a member. */
  insert(path: readonly string[]): void {
    const [first, ...rest] = path;
    if (first === undefined) this.member = true;
    else this.child(first).insert(rest);
  }

  /** Drops `path` as a member (its children stay). */
  remove(path: readonly string[]): void {
    const [first, ...rest] = path;
    if (first === undefined) this.member = false;
    else this.children.get(first)?.remove(rest);
  }

  child(el: string): FieldSet {
    let c = this.children.get(el);
    if (!c) {
      c = new FieldSet();
      this.children.set(el, c);
    }
    return c;
  }

  /** Whether `path` is a member. */
  has(path: readonly string[]): boolean {
    const [first, ...rest] = path;
    if (first === undefined) return this.member;
    return this.children.get(first)?.has(rest) ?? false;
  }

  /** The node at `path`, if any member lies at or below it. */
  at(path: readonly string[]): FieldSet | undefined {
    const [first, ...rest] = path;
    if (first === undefined) return this.empty() ? undefined : this;
    return this.children.get(first)?.at(rest);
  }

  empty(): boolean {
    if (this.member) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** Every member path, depth first in insertion order. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = this.member ? [prefix] : [];
    for (const [el, c] of this.children) out.push(...c.paths([...prefix, el]));
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.copy();
    for (const p of other.paths()) out.insert(p);
    return out;
  }

  /** Members of this set that are not members of `other` (exact paths, like `Set.Difference`). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) if (!other.has(p)) out.insert(p);
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) if (other.has(p)) out.insert(p);
    return out;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) out.insert(p);
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).empty() && other.difference(this).empty();
  }

  /** The FieldsV1 JSON of this set. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const [el, c] of [...this.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!c.empty()) out[el] = c.toFieldsV1();
    }
    return out;
  }

  /** Parses FieldsV1 JSON; unknown shapes are skipped rather than trusted. */
  static fromFieldsV1(v: unknown): FieldSet {
    const out = new FieldSet();
    const walk = (node: FieldSet, obj: Record<string, unknown>) => {
      for (const [el, sub] of Object.entries(obj)) {
        if (el === '.') {
          node.member = true;
          continue;
        }
        if (!isObject(sub) || !/^[fkvi]:/.test(el)) continue;
        const c = node.child(el);
        if (Object.keys(sub).length === 0) c.member = true;
        else walk(c, sub);
      }
    };
    if (isObject(v)) walk(out, v);
    return out;
  }
}

/** The `k:` element of a keyed list item: its key fields as JSON with sorted keys. */
export function keyElement(item: Record<string, unknown>, keys: readonly string[]): string {
  const k: Record<string, unknown> = {};
  for (const f of [...keys].sort()) if (item[f] !== undefined) k[f] = item[f];
  return `k:${JSON.stringify(k)}`;
}

/** A path as structured-merge-diff prints it in conflicts: `.spec.ports[port=80,protocol="TCP"]`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      switch (el[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          const parts = Object.entries(key).map(([f, v]) => `${f}=${JSON.stringify(v)}`);
          return `[${parts.join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
