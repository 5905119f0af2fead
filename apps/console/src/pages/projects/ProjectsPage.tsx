import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { q } from '../../api/query.ts';
import { useWatch } from '../../api/watch.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Projects the user can see, with their VM counts. */
export function ProjectsPage() {
  const { t } = useI18n();
  useWatch('projects');
  useDocumentTitle(t('nav.projects'));
  const { data, error } = useQuery(q(api.projectList, {}));
  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">{t('nav.projects')}</h1>
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
      {!data ? <p role="status">{t('common.loading')}</p> : null}
      {data && data.items.length === 0 ? <p>{t('shell.noProjects')}</p> : null}
      <ul className="cards">
        {data?.items.map((p) => (
          <li key={p.name} className="card">
            <h2>
              <Link to={paths.vms(p.name)}>{p.name}</Link>
            </h2>
            {p.description ? <p>{p.description}</p> : null}
            <p>
              {t('nav.vms')}: {p.counts.virtualmachines?.total ?? '—'}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
