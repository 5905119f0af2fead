import type { CauseReason, FieldCause } from '@dvp/api';
import type { KubeObject } from '../apiserver/types.ts';
import type { AdmissionContext, AdmissionRequest, AdmissionResult } from './types.ts';

/** The DVP API group. */
export const DVP = 'virtualization.deckhouse.io';
/** Deckhouse's own group (ModuleConfig, Project). */
export const DECKHOUSE = 'deckhouse.io';

/** Narrowing for JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested value: `at(obj, 'spec', 'cpu', 'cores')`. */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let cur = value;
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key] as unknown;
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

/** A string at a path, or `undefined`. */
export function str(value: unknown, ...keys: (string | number)[]): string | undefined {
  const v = at(value, ...keys);
  return typeof v === 'string' ? v : undefined;
}

/** A number at a path, or `undefined`. */
export function num(value: unknown, ...keys: (string | number)[]): number | undefined {
  const v = at(value, ...keys);
  return typeof v === 'number' ? v : undefined;
}

/** An array at a path (empty when absent). */
export function list(value: unknown, ...keys: (string | number)[]): unknown[] {
  const v = at(value, ...keys);
  return Array.isArray(v) ? (v as unknown[]) : [];
}

/** Structural equality of JSON values (key order ignored; `undefined` members ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
}

/** `status.phase`, or `''`. */
export function phaseOf(obj: unknown): string {
  return str(obj, 'status', 'phase') ?? '';
}

/** The status of condition `type` in `status.conditions` (`True`/`False`/`Unknown`/undefined). */
export function conditionStatus(obj: unknown, type: string): string | undefined {
  const cond = list(obj, 'status', 'conditions').find((c) => str(c, 'type') === type);
  return str(cond, 'status');
}

/** The condition's reason, if present. */
export function conditionReason(obj: unknown, type: string): string | undefined {
  const cond = list(obj, 'status', 'conditions').find((c) => str(c, 'type') === type);
  return str(cond, 'reason');
}

/** True for a spec write on UPDATE (spec differs from the stored one). */
export function specChanged(req: AdmissionRequest): boolean {
  return req.operation === 'UPDATE' && !jsonEqual(req.object.spec, req.oldObject?.spec);
}

/** Plugins check user writes of the main resource only: not status writes, not deletes. */
export function isSpecWrite(req: AdmissionRequest): boolean {
  return req.operation !== 'DELETE' && (req.subresource ?? '') === '';
}

/** `spec.settings.virtualMachineCIDRs` of `ModuleConfig/virtualization`, if any are set. */
export function virtualMachineCidrs(ctx: AdmissionContext): string[] | undefined {
  const mc = ctx.get(DECKHOUSE, 'ModuleConfig', 'virtualization');
  const cidrs = list(mc, 'spec', 'settings', 'virtualMachineCIDRs').filter(
    (c): c is string => typeof c === 'string',
  );
  return cidrs.length > 0 ? cidrs : undefined;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // kube prints composite values as their type (CEL errors say `"object"`).
  return Array.isArray(value) ? '"array"' : '"object"';
}

/**
 * Collects causes in kube's field-error wording (`Invalid value: 17: …`, `Forbidden: …`),
 * and warnings. Denials that are not about one field use `field: ''` and the bare message.
 */
export class Findings {
  readonly causes: FieldCause[] = [];
  readonly warnings: string[] = [];

  private push(reason: CauseReason, field: string, message: string): this {
    this.causes.push({ reason, field, message });
    return this;
  }

  invalid(field: string, value: unknown, message: string): this {
    return this.push('FieldValueInvalid', field, `Invalid value: ${valueText(value)}: ${message}`);
  }

  forbidden(field: string, message: string): this {
    return this.push('FieldValueForbidden', field, `Forbidden: ${message}`);
  }

  required(field: string, message: string): this {
    return this.push('FieldValueRequired', field, `Required value: ${message}`);
  }

  duplicate(field: string, value: unknown, message?: string): this {
    const tail = message ? `: ${message}` : '';
    return this.push('FieldValueDuplicate', field, `Duplicate value: ${valueText(value)}${tail}`);
  }

  tooMany(field: string, count: number, max: number): this {
    return this.push(
      'FieldValueTooMany',
      field,
      `Too many: ${count}: must have at most ${max} items`,
    );
  }

  /** A webhook denial not tied to one field: the message is shown as DVP words it. */
  deny(message: string, field = ''): this {
    return this.push('FieldValueForbidden', field, message);
  }

  warn(message: string): this {
    this.warnings.push(message);
    return this;
  }

  result(): AdmissionResult {
    return { causes: this.causes, warnings: this.warnings };
  }
}

/** The empty result. */
export function allowed(): AdmissionResult {
  return { causes: [], warnings: [] };
}

/** `metadata.name` or `''`. */
export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** `metadata.namespace` or `''`. */
export function namespaceOf(obj: KubeObject): string {
  return obj.metadata.namespace ?? '';
}

/**
 * The write-once rule VirtualDisk and VirtualImage webhooks share: once provisioned (Ready, or
 * lost after it), the data source and storage class stay; while terminating, nothing changes.
 */
export function checkProvisionedSpec(
  req: AdmissionRequest,
  f: Findings,
  kind: 'VirtualDisk' | 'VirtualImage',
  lostPhase: string,
): void {
  const obj = req.object;
  const old = req.oldObject;
  if (!old) return;
  const phase = phaseOf(obj);
  if (conditionStatus(obj, 'Ready') === 'True' || phase === 'Ready' || phase === lostPhase) {
    if (!jsonEqual(at(old, 'spec', 'dataSource'), at(obj, 'spec', 'dataSource'))) {
      f.deny(
        `data source cannot be changed if the ${kind} has already been provisioned`,
        'spec.dataSource',
      );
    }
    const sc = ['spec', 'persistentVolumeClaim', 'storageClassName'] as const;
    if (!jsonEqual(at(old, ...sc), at(obj, ...sc))) {
      f.deny(
        `storage class cannot be changed if the ${kind} has already been provisioned`,
        'spec.persistentVolumeClaim.storageClassName',
      );
    }
  } else if (phase === 'Terminating') {
    f.deny(`spec cannot be changed if the ${kind} is the process of termination`, 'spec');
  }
}
