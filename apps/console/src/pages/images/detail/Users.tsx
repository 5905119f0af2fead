import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { toApiError } from '../../../api/errors.ts';
import { q } from '../../../api/query.ts';
import { useWatch } from '../../../api/watch.ts';
import { paths } from '../../../app/paths.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { disksFrom, vmsMounting, type ImageRef } from './users.ts';

const LIMIT = { limit: 500 } as const;

/** The disks and VMs of one project that use the image (as far as the user can list them). */
function ProjectUsers({
  project,
  image,
  titled,
}: {
  project: string;
  image: ImageRef;
  /** Name the project (cluster images list several). */
  titled: boolean;
}) {
  const t = useT();
  useWatch(`virtualdisks/${project}`);
  useWatch(`virtualmachines/${project}`);
  const disksQ = useQuery(
    q(api.resourceList, { namespace: project, resource: 'virtualdisks' }, LIMIT),
  );
  const vmsQ = useQuery(q(api.vmList, { namespace: project }, LIMIT));
  const hidden = (e: unknown) => !!e && [401, 403].includes(toApiError(e).code);
  if (hidden(disksQ.error) && hidden(vmsQ.error))
    return <p className="img-muted">{t('images.d.projectHidden', { project })}</p>;
  if (disksQ.isPending || vmsQ.isPending) return <p className="img-muted">{t('common.loading')}</p>;
  const disks = disksFrom(disksQ.data?.items ?? [], image);
  const vms = vmsMounting(vmsQ.data?.items ?? [], image);
  const partial = [disksQ.data, vmsQ.data].some((p) => p?.continue);
  const checked = (disksQ.data?.items.length ?? 0) + (vmsQ.data?.items.length ?? 0);
  const total = (disksQ.data?.total ?? 0) + (vmsQ.data?.total ?? 0);
  return (
    <div className="img-users">
      {titled ? <h3>{t('images.d.projectUsers', { project })}</h3> : null}
      {disks.length === 0 && vms.length === 0 ? (
        <p className="img-muted">
          {titled ? t('images.d.projectNone', { project }) : t('images.d.usersNone', { project })}
        </p>
      ) : null}
      {disks.length ? (
        <>
          <h4>{t('images.d.usersDisks')}</h4>
          <ul>
            {disks.map((d) => (
              <li key={d.metadata.uid ?? d.metadata.name}>
                <Link to={paths.disk(project, d.metadata.name ?? '')}>{d.metadata.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {vms.length ? (
        <>
          <h4>{t('images.d.usersVms')}</h4>
          <ul>
            {vms.map((vm) => (
              <li key={vm.uid}>
                <Link to={paths.vm(project, vm.name)}>{vm.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hidden(disksQ.error) ? (
        <p className="img-muted">
          {t('images.d.usersForbidden', { what: t('images.d.usersDisks'), project })}
        </p>
      ) : null}
      {hidden(vmsQ.error) ? (
        <p className="img-muted">
          {t('images.d.usersForbidden', { what: t('images.d.usersVms'), project })}
        </p>
      ) : null}
      {partial ? (
        <p className="img-muted">{t('images.d.usersPartial', { count: checked, total })}</p>
      ) : null}
    </div>
  );
}

/** At most this many projects are looked into for a cluster image (one request pair each). */
const MAX_PROJECTS = 20;

/**
 * "Used by": for a project image, the project's disks made from it and VMs that mount it; for a
 * cluster image, the projects the cluster reports (`status.usedInNamespaces`) and, in each,
 * what the user can see.
 */
export function ImageUsers({
  project,
  image,
  usedInNamespaces,
}: {
  project: string | undefined;
  image: ImageRef;
  usedInNamespaces: string[];
}) {
  const t = useT();
  return (
    <section className="img-section" aria-labelledby="img-users">
      <h2 id="img-users">{t('images.d.users')}</h2>
      {project ? (
        <ProjectUsers project={project} image={image} titled={false} />
      ) : (
        <>
          <p>
            {t('images.d.usedIn', { count: usedInNamespaces.length })} {usedInNamespaces.join(', ')}
          </p>
          {usedInNamespaces.length ? <p className="img-muted">{t('images.d.usedInHint')}</p> : null}
          {usedInNamespaces.slice(0, MAX_PROJECTS).map((ns) => (
            <ProjectUsers key={ns} project={ns} image={image} titled />
          ))}
        </>
      )}
    </section>
  );
}
