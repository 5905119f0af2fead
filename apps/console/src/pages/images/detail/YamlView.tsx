import type { KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { stringify } from 'yaml';
import { YamlEditor } from '../../../components/yaml/YamlEditor.tsx';
import { useT } from '../../../i18n/i18n.tsx';

const noop = () => undefined;

/**
 * The image as YAML, read-only: images are write-once (the webhooks refuse source changes),
 * so an editor would only invite refusals. managedFields are left out, as kubectl does.
 */
export function ImageYaml({ image }: { image: KubeObject }) {
  const t = useT();
  const text = useMemo(() => {
    const { managedFields: _m, ...metadata } = image.metadata as Record<string, unknown>;
    return stringify({ ...image, metadata }, { lineWidth: 0 });
  }, [image]);
  return (
    <div className="img-yaml">
      <p className="img-muted">{t('images.yaml.readOnly')}</p>
      <YamlEditor
        label={t('images.yaml.label', { name: image.metadata.name ?? '' })}
        value={text}
        onChange={noop}
        readOnly
        rows={28}
      />
    </div>
  );
}
