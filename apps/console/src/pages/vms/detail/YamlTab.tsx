import type { VirtualMachine, VmDetail } from '@dvp/api';
import { useMemo, useState } from 'react';
import { parse, stringify } from 'yaml';
import { toApiError } from '../../../api/errors.ts';
import { FormError } from '../../../components/form/FormError.tsx';
import { YamlEditor } from '../../../components/yaml/YamlEditor.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { DiffView } from './DiffView.tsx';
import {
  applyMergePatch,
  editableParts,
  isObject,
  lineDiff,
  objectPatch,
  type Json,
} from './patch.ts';
import { patchVm } from '../vm-patch.ts';
import type { RefetchDetail } from './types.ts';

/** The object as shown: without managedFields (noise nobody edits, as kubectl hides them). */
function shown(vm: VirtualMachine): Record<string, unknown> {
  const { managedFields: _m, ...metadata } = vm.metadata as Record<string, unknown>;
  return { ...vm, metadata };
}

function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0 });
}

interface Base {
  vm: VirtualMachine;
  text: string;
}

const baseOf = (vm: VirtualMachine): Base => ({ vm, text: toYaml(shown(vm)) });

type Step =
  { kind: 'edit' } | { kind: 'review'; patch: NonNullable<ReturnType<typeof objectPatch>> };

/** The YAML tab: the live VM, editable; Save reviews the diff, then sends a merge patch. */
export function YamlTab({ detail, refetch }: { detail: VmDetail; refetch: RefetchDetail }) {
  const t = useT();
  const live = detail.vm;
  const [base, setBase] = useState(() => baseOf(live));
  const [text, setText] = useState(base.text);
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const dirty = text !== base.text;
  const liveRv = live.metadata.resourceVersion ?? '';
  // Untouched text follows the live object; edited text keeps its base and says it is stale.
  // (Compared with the last live version seen, so a save's newer answer is not undone by the
  // older cached object that arrives before the stream catches up.)
  const [seenRv, setSeenRv] = useState(liveRv);
  if (seenRv !== liveRv) {
    setSeenRv(liveRv);
    if (!dirty) {
      const next = baseOf(live);
      setBase(next);
      setText(next.text);
    }
  }
  const stale = dirty && base.vm.metadata.resourceVersion !== liveRv;
  const diff = useMemo(
    () => (step.kind === 'review' ? lineDiff(base.text, text) : []),
    [step.kind, base.text, text],
  );

  const reset = (vm: VirtualMachine) => {
    const next = baseOf(vm);
    setBase(next);
    setText(next.text);
    setStep({ kind: 'edit' });
    setProblem('');
    setError(null);
  };

  const review = () => {
    setError(null);
    setNotice('');
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch (err) {
      setProblem(t('vm-detail.yaml.parseError', { message: (err as Error).message }));
      return;
    }
    if (!isObject(parsed)) {
      setProblem(t('vm-detail.yaml.notObject'));
      return;
    }
    setProblem('');
    const patch = objectPatch(base.vm, parsed);
    if (!patch) {
      setProblem(t('vm-detail.yaml.noChanges'));
      return;
    }
    setStep({ kind: 'review', patch });
  };

  const apply = async (patch: NonNullable<ReturnType<typeof objectPatch>>) => {
    setSaving(true);
    setError(null);
    try {
      // The controller's status writes since the edit began are no conflict; edits of the
      // same parts by someone else are.
      const edited = JSON.stringify(editableParts(base.vm));
      const updated = await patchVm({
        base: base.vm,
        patch,
        same: (fresh) => JSON.stringify(editableParts(fresh)) === edited,
      });
      reset(updated);
      toast('success', t('vm-detail.yaml.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const reloadAndReapply = async (patch: Json) => {
    const fresh = (await refetch()).data;
    if (!fresh) return;
    const next = baseOf(fresh.vm);
    const { metadata, ...rest } = isObject(patch) ? patch : {};
    const { resourceVersion: _rv, ...metaChanges } = isObject(metadata) ? metadata : {};
    const applied = applyMergePatch(shown(fresh.vm), {
      ...rest,
      ...(Object.keys(metaChanges).length ? { metadata: metaChanges } : {}),
    });
    setBase(next);
    setText(toYaml(applied));
    setStep({ kind: 'edit' });
    setError(null);
    setNotice(t('vm-detail.yaml.reapplied'));
  };

  return (
    <div className="vm-yaml">
      {stale ? (
        <div className="banner banner-warning" role="status">
          <p>{t('vm-detail.yaml.changedOnServer')}</p>
          <Button size="sm" onClick={() => reset(live)}>
            {t('vm-detail.yaml.reload')}
          </Button>
        </div>
      ) : null}
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      {step.kind === 'edit' ? (
        <>
          <YamlEditor
            label={t('vm-detail.yaml.label', { name: live.metadata.name ?? '' })}
            value={text}
            rows={28}
            error={problem || undefined}
            onChange={(v) => {
              setText(v);
              setProblem('');
            }}
          />
          <div className="vm-form-footer">
            <Button variant="primary" onClick={review}>
              {t('vm-detail.yaml.review')}
            </Button>
            {dirty ? (
              <Button variant="ghost" onClick={() => reset(live)}>
                {t('vm-detail.yaml.discard')}
              </Button>
            ) : null}
          </div>
        </>
      ) : (
        <>
          <DiffView title={t('vm-detail.yaml.diff')} lines={diff} />
          <FormError
            error={error}
            unmapped={error ? toApiError(error).causes : []}
            onReloadAndReapply={() => void reloadAndReapply(step.patch)}
          />
          <div className="vm-form-footer">
            <Button variant="primary" loading={saving} onClick={() => void apply(step.patch)}>
              {t('vm-detail.yaml.confirm')}
            </Button>
            <Button variant="ghost" onClick={() => setStep({ kind: 'edit' })}>
              {t('vm-detail.yaml.backToEdit')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
