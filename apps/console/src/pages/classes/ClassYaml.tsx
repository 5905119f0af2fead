import type { KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { stringify } from 'yaml';
import { YamlEditor } from '../../components/yaml/YamlEditor.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** The class as YAML (live, read-only; managedFields left out as kubectl does). */
export function ClassYaml({ cls }: { cls: KubeObject }) {
  const t = useT();
  const text = useMemo(() => {
    const { managedFields: _m, ...metadata } = cls.metadata as Record<string, unknown>;
    return stringify({ ...cls, metadata }, { lineWidth: 0 });
  }, [cls]);
  return (
    <div className="cls-yaml">
      <p className="cls-muted">{t('classes.yaml.hint')}</p>
      <YamlEditor
        label={t('classes.yaml.label', { name: cls.metadata.name ?? '' })}
        value={text}
        readOnly
        rows={28}
        onChange={() => undefined}
      />
    </div>
  );
}
