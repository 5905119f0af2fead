import {
  cidrContains,
  cidrNetworkText,
  cidrsOverlap,
  ipFromLeaseName,
  isNetworkAligned,
  parseCidr,
  parseIpv4,
  tryParseQuantity,
  type Cidr,
} from '@dvp/api';
import { mergePatch, type Json } from '../vms/config/merge-patch.ts';

/**
 * The `virtualization` module's settings form (seed 002 "Module parameters"; dvp-api.md §16):
 * the form's values, how they come from and go back into `ModuleConfig.spec` (settings the form
 * does not show are kept as they are), and the checks the module's webhook makes on
 * `virtualMachineCIDRs` (valid, non-overlapping), done before saving.
 */

export interface SettingsValues {
  enabled: boolean;
  dvcrType: string;
  dvcrSize: string;
  dvcrStorageClass: string;
  cidrs: { value: string }[];
  imagesDefault: string;
  imagesAllowed: string[];
  disksDefault: string;
  disksAllowed: string[];
  audit: boolean;
}

export type FieldName = Exclude<keyof SettingsValues, 'cidrs'> | 'cidrs' | `cidrs.${number}.value`;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Which key holds a kind's allowed classes: the current selector, or the older flat list. */
function allowedOf(choice: Obj): string[] {
  if (Array.isArray(choice.allowedStorageClassNames)) return strs(choice.allowedStorageClassNames);
  return strs(obj(choice.allowedStorageClassSelector).matchNames);
}

export function valuesOf(spec: unknown): SettingsValues {
  const s = obj(spec);
  const settings = obj(s.settings);
  const storage = obj(obj(settings.dvcr).storage);
  const pvc = obj(storage.persistentVolumeClaim);
  const images = obj(settings.virtualImages);
  const disks = obj(settings.virtualDisks);
  return {
    enabled: s.enabled !== false,
    dvcrType: str(storage.type) || 'PersistentVolumeClaim',
    dvcrSize: str(pvc.size),
    dvcrStorageClass: str(pvc.storageClassName),
    cidrs: strs(settings.virtualMachineCIDRs).map((value) => ({ value })),
    imagesDefault: str(images.defaultStorageClassName),
    imagesAllowed: allowedOf(images),
    disksDefault: str(disks.defaultStorageClassName),
    disksAllowed: allowedOf(disks),
    audit: obj(settings.audit).enabled === true,
  };
}

/** Sets `key` to `value` in a copy of `o`; '' and [] remove it. */
function put(o: Obj, key: string, value: unknown): Obj {
  const out = { ...o };
  if (value === '' || value === undefined || (Array.isArray(value) && value.length === 0))
    delete out[key];
  else out[key] = value;
  return out;
}

function choiceWith(before: unknown, def: string, allowed: string[]): Obj | undefined {
  let c = put(obj(before), 'defaultStorageClassName', def);
  if (Array.isArray(c.allowedStorageClassNames)) {
    c = put(c, 'allowedStorageClassNames', allowed);
  } else {
    const sel = put(obj(c.allowedStorageClassSelector), 'matchNames', allowed);
    c = put(c, 'allowedStorageClassSelector', Object.keys(sel).length ? sel : undefined);
  }
  return Object.keys(c).length ? c : undefined;
}

/** The spec with the form's values applied (everything else as it was). */
export function specWith(before: unknown, v: SettingsValues): Obj {
  const s = obj(before);
  let settings = obj(s.settings);
  const dvcr = obj(settings.dvcr);
  const storage = obj(dvcr.storage);
  const pvc = put(
    put(obj(storage.persistentVolumeClaim), 'size', v.dvcrSize.trim()),
    'storageClassName',
    v.dvcrStorageClass,
  );
  settings = {
    ...settings,
    dvcr: {
      ...dvcr,
      storage: put(
        put(storage, 'type', v.dvcrType),
        'persistentVolumeClaim',
        Object.keys(pvc).length ? pvc : undefined,
      ),
    },
  };
  settings = put(
    settings,
    'virtualMachineCIDRs',
    v.cidrs.map((c) => c.value.trim()),
  );
  settings = put(
    settings,
    'virtualImages',
    choiceWith(settings.virtualImages, v.imagesDefault, v.imagesAllowed),
  );
  settings = put(
    settings,
    'virtualDisks',
    choiceWith(settings.virtualDisks, v.disksDefault, v.disksAllowed),
  );
  const audit = obj(settings.audit);
  if (v.audit || audit.enabled !== undefined)
    settings = { ...settings, audit: { ...audit, enabled: v.audit } };
  // An absent `enabled` means the module's default; leave it absent unless it is turned off.
  return put(
    { ...s, settings },
    'enabled',
    s.enabled === undefined && v.enabled ? undefined : v.enabled,
  );
}

/** The merge patch of `spec` (undefined: nothing changed). */
export function specPatch(before: unknown, v: SettingsValues): Json | undefined {
  return mergePatch(before, specWith(before, v));
}

/** A problem found before saving: an error (blocks) on a field. */
export interface Issue {
  field: FieldName;
  code:
    'required' | 'cidrInvalid' | 'cidrOverlap' | 'cidrsRequired' | 'quantity' | 'defaultNotAllowed';
  /** The parser's message (cidrInvalid) or the other CIDR (cidrOverlap). */
  detail?: string;
}

export function validate(v: SettingsValues, cidrsWereSet: boolean): Issue[] {
  const issues: Issue[] = [];
  const parsed: (Cidr | undefined)[] = v.cidrs.map((c, i) => {
    const text = c.value.trim();
    if (!text) {
      issues.push({ field: `cidrs.${i}.value`, code: 'required' });
      return undefined;
    }
    const r = parseCidr(text);
    if (!r.ok) {
      issues.push({ field: `cidrs.${i}.value`, code: 'cidrInvalid', detail: r.message });
      return undefined;
    }
    return r.cidr;
  });
  parsed.forEach((a, i) => {
    if (!a) return;
    const earlier = parsed.slice(0, i).find((b) => b && cidrsOverlap(a, b));
    if (earlier)
      issues.push({ field: `cidrs.${i}.value`, code: 'cidrOverlap', detail: earlier.text });
  });
  if (cidrsWereSet && v.cidrs.length === 0) issues.push({ field: 'cidrs', code: 'cidrsRequired' });
  if (!v.dvcrSize.trim()) issues.push({ field: 'dvcrSize', code: 'required' });
  else if (!tryParseQuantity(v.dvcrSize.trim()))
    issues.push({ field: 'dvcrSize', code: 'quantity' });
  if (v.imagesDefault && v.imagesAllowed.length > 0 && !v.imagesAllowed.includes(v.imagesDefault))
    issues.push({ field: 'imagesDefault', code: 'defaultNotAllowed' });
  if (v.disksDefault && v.disksAllowed.length > 0 && !v.disksAllowed.includes(v.disksDefault))
    issues.push({ field: 'disksDefault', code: 'defaultNotAllowed' });
  return issues;
}

/** A CIDR with host bits set: the network it denotes (the module accepts it, with a warning). */
export function unalignedNetwork(text: string): string | undefined {
  const r = parseCidr(text.trim());
  return r.ok && !isNetworkAligned(r.cidr) ? cidrNetworkText(r.cidr) : undefined;
}

/** Leased addresses (IP lease names `ip-a-b-c-d`) per CIDR text. */
export function addressesInUse(cidrs: readonly string[], leaseNames: readonly string[]) {
  const ips = leaseNames.flatMap((n) => {
    const ip = ipFromLeaseName(n);
    const v = ip ? parseIpv4(ip) : undefined;
    return v === undefined ? [] : [v];
  });
  const out = new Map<string, number>();
  for (const text of cidrs) {
    const r = parseCidr(text.trim());
    out.set(text, r.ok ? ips.filter((ip) => cidrContains(r.cidr, ip)).length : 0);
  }
  return out;
}

/**
 * Server causes → form fields: `spec.settings.virtualMachineCIDRs[i]` → that row; the rest by
 * the longest matching prefix. Unmatched causes are returned for the banner.
 */
const CAUSE_FIELDS: [string, FieldName][] = [
  ['spec.enabled', 'enabled'],
  ['spec.settings.dvcr.storage.persistentVolumeClaim.size', 'dvcrSize'],
  ['spec.settings.dvcr.storage.persistentVolumeClaim.storageClassName', 'dvcrStorageClass'],
  ['spec.settings.dvcr.storage.persistentVolumeClaim', 'dvcrSize'],
  ['spec.settings.dvcr.storage.type', 'dvcrType'],
  ['spec.settings.dvcr', 'dvcrSize'],
  ['spec.settings.virtualMachineCIDRs', 'cidrs'],
  ['spec.settings.virtualImages.defaultStorageClassName', 'imagesDefault'],
  ['spec.settings.virtualImages', 'imagesAllowed'],
  ['spec.settings.virtualDisks.defaultStorageClassName', 'disksDefault'],
  ['spec.settings.virtualDisks', 'disksAllowed'],
  ['spec.settings.audit', 'audit'],
];

export function causeField(field: string | undefined, rows: number): FieldName | undefined {
  if (!field) return undefined;
  const m = /^spec\.settings\.virtualMachineCIDRs\[(\d+)\]/.exec(field);
  if (m && Number(m[1]) < rows) return `cidrs.${Number(m[1])}.value`;
  const hit = CAUSE_FIELDS.find(
    ([k]) => field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`),
  );
  return hit?.[1];
}
