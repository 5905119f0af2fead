import type { Service } from '@dvp/api';
import { topicKey } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { stringify } from 'yaml';
import { api } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { q } from '../../../api/query.ts';
import { useCan } from '../../../api/session.tsx';
import { useWatch } from '../../../api/watch.ts';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { YamlEditor } from '../../../components/yaml/YamlEditor.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DeleteObjectDialog } from '../DeleteObjectDialog.tsx';
import { useDialogParam } from '../dialog-param.ts';
import '../network.css';
import { MatchedVms } from './matched-vms.tsx';
import { ServicePorts } from './ServicePorts.tsx';
import { selectorQuery, serviceKindOf } from './service-model.ts';

const ignore = () => undefined;

/** One Service: how it publishes VMs (type, address, DNS name, ports), the VMs it selects now, YAML. */
export function ServicePage() {
  const t = useT();
  const { project = '', name = '' } = useParams();
  const navigate = useNavigate();
  useDocumentTitle(name, project);
  useWatch(topicKey({ resource: 'services', namespace: project }));
  const view = useQuery(q(api.resourceView, { namespace: project, resource: 'services', name }));
  const canDelete = useCan('delete', 'services', project);
  const canIngress = useCan('create', 'ingresses', project);
  const [del, openDelete, closeDelete] = useDialogParam('delete');
  const svc = view.data as Service | undefined;
  const yaml = useMemo(() => {
    if (!svc) return '';
    const { managedFields: _m, ...metadata } = svc.metadata as Record<string, unknown>;
    return stringify({ ...svc, metadata }, { lineWidth: 0 });
  }, [svc]);

  const back = (
    <Link to={paths.services(project)} className="net-back">
      {t('network.svc.back')}
    </Link>
  );
  if (view.error) {
    return (
      <section className="net-page">
        {back}
        <h1>{name}</h1>
        <p role="alert" className="banner banner-danger">
          {errorText(t, view.error)}
        </p>
      </section>
    );
  }
  if (!svc) {
    return (
      <p role="status" className="loading">
        {t('common.loading')}
      </p>
    );
  }
  const spec = svc.spec ?? {};
  const kind = serviceKindOf(svc);
  const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname).join(', ');
  const selector = Object.entries(spec.selector ?? {});
  const ingressHref = `${paths.ingresses(project)}?${new URLSearchParams({ create: 'ingress', service: name }).toString()}`;
  return (
    <section className="net-page" aria-labelledby="svc-title">
      {back}
      <header className="rl-header">
        <h1 id="svc-title">{name}</h1>
        <div className="rl-actions">
          {canIngress.allowed ? (
            <Link className="btn btn-secondary btn-md" to={ingressHref}>
              {t('network.ing.create')}
            </Link>
          ) : (
            <Button disabledReason={t(canIngress.reason ?? 'common.forbidden')}>
              {t('network.ing.create')}
            </Button>
          )}
          <Button
            variant="danger"
            disabledReason={
              canDelete.allowed ? undefined : t(canDelete.reason ?? 'common.forbidden')
            }
            onClick={() => openDelete(name)}
          >
            {t('common.delete')}
          </Button>
        </div>
      </header>
      <dl className="net-facts">
        <dt>{t('network.svc.type')}</dt>
        <dd>{kind === 'ExternalName' ? kind : t(`network.svc.kind.${kind}`)}</dd>
        <dt>{t('network.svc.clusterIP')}</dt>
        <dd>
          <code>{spec.clusterIP ?? '—'}</code>
        </dd>
        <dt>{t('network.svc.dns')}</dt>
        <dd>
          <code>{`${name}.${project}.svc`}</code>
        </dd>
        {lb ? (
          <>
            <dt>{t('network.svc.external')}</dt>
            <dd>
              <code>{lb}</code>
            </dd>
          </>
        ) : null}
        <dt>{t('network.svc.selector')}</dt>
        <dd>
          {selector.length ? (
            selector.map(([k, v]) => <code key={k} className="net-chip">{`${k}=${v}`}</code>)
          ) : (
            <span className="muted">{t('network.svc.noSelector')}</span>
          )}
        </dd>
      </dl>
      <ServicePorts ports={spec.ports ?? []} />
      <MatchedVms namespace={project} selector={selectorQuery(spec.selector)} headingLevel={2} />
      <section aria-labelledby="svc-yaml">
        <h2 id="svc-yaml">{t('common.yaml')}</h2>
        <YamlEditor
          label={t('network.svc.yamlLabel', { name })}
          value={yaml}
          onChange={ignore}
          readOnly
          rows={18}
        />
      </section>
      {del ? (
        <DeleteObjectDialog
          namespace={project}
          resource="services"
          name={del}
          onClose={closeDelete}
          onDeleted={() => void navigate(paths.services(project), { replace: true })}
        />
      ) : null}
    </section>
  );
}
