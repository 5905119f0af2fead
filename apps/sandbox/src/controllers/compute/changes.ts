/**
 * Which VM spec changes wait for a restart (`status.restartAwaitingChanges`, dvp-api.md §4.2,
 * `pkg/controller/vmchange/`): everything except the fields applied live.
 */

/** Spec fields applied to a running VM at once (no restart). */
export const LIVE_FIELDS = ['runPolicy', 'liveMigrationPolicy', 'disruptions'] as const;

/**
 * Placement fields: a change applies to the next scheduling; when the current node violates the
 * new placement the VM is live-migrated instead of restarted.
 */
export const PLACEMENT_FIELDS = ['nodeSelector', 'affinity', 'tolerations'] as const;

/** One pending change as DVP reports it. */
export interface PendingChange {
  operation: 'add' | 'remove' | 'replace';
  path: string;
  currentValue?: unknown;
  desiredValue?: unknown;
}

/** The part of a spec that a running guest was started with (what needs a restart). */
export function restartRelevant(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if ((LIVE_FIELDS as readonly string[]).includes(k)) continue;
    if ((PLACEMENT_FIELDS as readonly string[]).includes(k)) continue;
    out[k] = v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Differences between the spec the guest runs with (`current`) and the desired spec, as
 * `{operation, path, currentValue, desiredValue}` with paths relative to `spec`. Objects are
 * descended into; arrays and scalars compare as a whole (like DVP's `blockDeviceRefs`).
 */
export function pendingChanges(
  current: Record<string, unknown>,
  desired: Record<string, unknown>,
  prefix = '',
): PendingChange[] {
  const out: PendingChange[] = [];
  const keys = [...new Set([...Object.keys(current), ...Object.keys(desired)])].sort();
  for (const k of keys) {
    const path = prefix ? `${prefix}.${k}` : k;
    const a = current[k];
    const b = desired[k];
    if (equal(a, b)) continue;
    if (a === undefined) out.push({ operation: 'add', path, desiredValue: b });
    else if (b === undefined) out.push({ operation: 'remove', path, currentValue: a });
    else if (isPlainObject(a) && isPlainObject(b)) out.push(...pendingChanges(a, b, path));
    else out.push({ operation: 'replace', path, currentValue: a, desiredValue: b });
  }
  return out;
}
