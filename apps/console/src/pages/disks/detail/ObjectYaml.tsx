import type { KubeObject } from '@dvp/api';
import { stringify } from 'yaml';
import { YamlEditor } from '../../../components/yaml/YamlEditor.tsx';
import { useT } from '../../../i18n/i18n.tsx';

/** The live object as YAML (read-only; managedFields left out, as kubectl hides them). */
export function ObjectYaml({ object }: { object: KubeObject }) {
  const t = useT();
  const { managedFields: _m, ...metadata } = object.metadata as Record<string, unknown>;
  const text = stringify({ ...object, metadata }, { lineWidth: 0 });
  return (
    <YamlEditor
      label={t('disks.yaml.label', { name: object.metadata.name ?? '' })}
      value={text}
      readOnly
      rows={30}
      onChange={() => undefined}
    />
  );
}
