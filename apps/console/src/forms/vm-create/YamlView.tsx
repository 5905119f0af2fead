import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { YamlEditor } from '../../components/yaml/YamlEditor.tsx';
import { ManifestShapeError, valuesFromManifests } from '../../components/vm-form/model.ts';
import { applyCommand, parseYamlDocs } from './yaml-doc.ts';

/** The problem with a YAML text as the form would read it, or undefined when it reads fine. */
export function yamlProblem(t: ReturnType<typeof useT>, text: string): string | undefined {
  const parsed = parseYamlDocs(text);
  if (!parsed.ok) return t('vm-create.yaml.invalid', { message: parsed.message });
  try {
    valuesFromManifests(parsed.docs);
    return undefined;
  } catch (e) {
    if (e instanceof ManifestShapeError) {
      return e.code === 'otherKind'
        ? t('vm-create.yaml.otherKind', { kind: e.detail })
        : t(`vm-create.yaml.${e.code}`);
    }
    throw e;
  }
}

/** The manifests the form creates, editable, and the `d8 k apply` command with a copy button. */
export function YamlView({
  text,
  onChange,
  blockedError,
}: {
  text: string;
  onChange: (text: string) => void;
  /** Shown when switching back to the form was refused. */
  blockedError?: string | undefined;
}) {
  const t = useT();
  const problem = useMemo(() => yamlProblem(t, text), [t, text]);
  const command = applyCommand(text);
  const [copied, setCopied] = useState(false);
  return (
    <div className="vm-create-yaml">
      <YamlEditor
        label={t('vm-create.yaml.editor')}
        value={text}
        onChange={(v) => {
          setCopied(false);
          onChange(v);
        }}
        rows={24}
        error={problem ? (blockedError ? `${blockedError} ${problem}` : problem) : undefined}
      />
      <div className="vm-create-command">
        <div className="vm-form-subhead">
          <h2>{t('vm-create.yaml.command')}</h2>
          <Button
            size="sm"
            onClick={() => {
              navigator.clipboard.writeText(command).then(
                () => setCopied(true),
                (err: unknown) => toast('error', String(err)),
              );
            }}
          >
            {copied ? t('vm-create.yaml.copied') : t('vm-create.yaml.copy')}
          </Button>
        </div>
        <YamlEditor
          label={t('vm-create.yaml.command')}
          value={command}
          onChange={() => undefined}
          readOnly
          rows={10}
        />
      </div>
    </div>
  );
}
