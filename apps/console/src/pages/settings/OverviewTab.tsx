import type { KubeObject } from '@dvp/api';
import { stringify } from 'yaml';
import { useT } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';

interface Mc {
  spec?: { enabled?: boolean; version?: number; settings?: unknown };
  status?: { message?: string; version?: string };
}

/** The module's state at a glance and its current settings as YAML. */
export function OverviewTab({ mc }: { mc: KubeObject }) {
  const t = useT();
  const { spec, status } = mc as unknown as Mc;
  return (
    <div className="settings-overview">
      <dl className="settings-facts">
        <div>
          <dt>{t('settings.state')}</dt>
          <dd>
            {spec?.enabled === false ? (
              <Badge tone="warning">{t('settings.disabled')}</Badge>
            ) : (
              <Badge tone="success">{t('settings.enabledState')}</Badge>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('settings.version')}</dt>
          <dd>{spec?.version ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('settings.statusMessage')}</dt>
          <dd>{status?.message || '—'}</dd>
        </div>
      </dl>
      <h2>{t('settings.currentSettings')}</h2>
      <pre className="settings-yaml">{stringify(spec?.settings ?? {}, { lineWidth: 0 })}</pre>
    </div>
  );
}
