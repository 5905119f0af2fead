import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../../ui/Badge.tsx';
import {
  isRenamable,
  keyOf,
  type SnapshotResource,
  type targetNameProblem,
} from './restore-model.ts';
import type { TargetState } from './use-conflicts.ts';

const STATE: Record<TargetState, [MessageKey, Tone]> = {
  free: ['snapshots.restore.state.free', 'success'],
  exists: ['snapshots.restore.state.exists', 'danger'],
  checking: ['snapshots.restore.state.checking', 'neutral'],
  unchecked: ['snapshots.restore.state.unchecked', 'neutral'],
  error: ['snapshots.restore.state.error', 'warning'],
};

/**
 * The conflict preview: each resource of the snapshot, its new name (editable), and whether that
 * name is free in the project now. Collisions are named before anything is submitted.
 */
export function RestorePreview({
  resources,
  toOf,
  states,
  duplicates,
  problems,
  disabled,
  onRename,
}: {
  resources: SnapshotResource[];
  toOf: (r: SnapshotResource) => string;
  states: Map<string, TargetState>;
  duplicates: Set<string>;
  problems: Map<string, ReturnType<typeof targetNameProblem>>;
  disabled: boolean;
  onRename: (r: SnapshotResource, to: string) => void;
}) {
  const t = useT();
  if (resources.length === 0)
    return <p className="field-hint">{t('snapshots.restore.noResources')}</p>;
  return (
    <table className="table snap-preview" aria-label={t('snapshots.restore.preview')}>
      <thead>
        <tr>
          <th scope="col">{t('snapshots.restore.kind')}</th>
          <th scope="col">{t('snapshots.restore.from')}</th>
          <th scope="col">{t('snapshots.restore.to')}</th>
          <th scope="col">{t('snapshots.restore.check')}</th>
        </tr>
      </thead>
      <tbody>
        {resources.map((r) => {
          const key = keyOf(r);
          if (!isRenamable(r.kind))
            return (
              <tr key={key}>
                <td>{r.kind}</td>
                <td>{r.name}</td>
                <td>—</td>
                <td>
                  {r.kind === 'VirtualMachineIPAddress'
                    ? t('snapshots.restore.newIp')
                    : t('snapshots.restore.notRestored')}
                </td>
              </tr>
            );
          const problem = problems.get(key);
          const dup = duplicates.has(key);
          const state = states.get(key) ?? 'checking';
          const [label, tone] = STATE[state];
          const errId = `restore-err-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
          const message = problem
            ? t(`snapshots.restore.err.${problem.id}`, { message: problem.message ?? '' })
            : dup
              ? t('snapshots.restore.duplicate')
              : state === 'exists'
                ? t('snapshots.restore.exists', { kind: r.kind, name: toOf(r).trim() })
                : undefined;
          return (
            <tr key={key} className={message ? 'snap-conflict' : undefined}>
              <td>{r.kind}</td>
              <td>{r.name}</td>
              <td>
                <input
                  className="input"
                  value={toOf(r)}
                  disabled={disabled}
                  autoComplete="off"
                  spellCheck={false}
                  aria-label={t('snapshots.restore.newName', { kind: r.kind, name: r.name })}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? errId : undefined}
                  onChange={(e) => onRename(r, e.target.value)}
                />
              </td>
              <td>
                {problem ? null : (
                  <Badge tone={dup ? 'danger' : tone}>
                    {t(dup ? 'snapshots.restore.state.exists' : label)}
                  </Badge>
                )}
                {message ? (
                  <div id={errId} className="field-error">
                    {message}
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
