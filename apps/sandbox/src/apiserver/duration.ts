/**
 * `k8s.io/apimachinery/pkg/util/duration.HumanDuration`, the Age column of every `kubectl get`.
 * Ported branch for branch so the sandbox prints exactly what kube-apiserver prints
 * (kubernetes/apimachinery `pkg/util/duration/duration.go`).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int(d / unit)`: integer division truncating toward zero. */
function div(ms: number, unit: number): number {
  return Math.trunc(ms / unit);
}

/** Renders a duration in milliseconds with ~2–3 significant figures (`45s`, `5m30s`, `3d4h`, `3y`). */
export function humanDuration(ms: number): string {
  const seconds = div(ms, SECOND);
  // Up to a second of clock skew into the future still reads as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = div(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = div(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

// Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time.IsZero reports.
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

// RFC 3339 as Go's time.Parse(time.RFC3339) accepts it: a 'T', seconds, optional fraction, a zone.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A timestamp cell as kube renders it (`metatable.ConvertToHumanReadableDateType`): the age of
 * `timestamp` at `now`; `<unknown>` for an empty/zero time, `<invalid>` for an unparsable one.
 */
export function humanAge(timestamp: string, now: Date): string {
  // metav1.Time.UnmarshalQueryParameter treats "" and "null" as the zero time.
  if (timestamp === '' || timestamp === 'null') return '<unknown>';
  if (!RFC3339.test(timestamp)) return '<invalid>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<invalid>';
  if (t === GO_ZERO_TIME) return '<unknown>';
  return humanDuration(now.getTime() - t);
}
