import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { api } from '../api/client.ts';
import { q } from '../api/query.ts';
import { useT } from '../i18n/i18n.tsx';
import { paths } from './paths.ts';

const LAST = 'dvp.project';

/** `/`: the last project used, else the first one the user can see, else the project list. */
export function HomeRedirect() {
  const t = useT();
  const { data, isError } = useQuery(q(api.projectList, {}));
  if (isError) return <Navigate to={paths.projects()} replace />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST);
  } catch {
    last = null;
  }
  const names = data.items.map((p) => p.name);
  const pick = last && names.includes(last) ? last : names.includes('demo') ? 'demo' : names[0];
  return <Navigate to={pick ? paths.vms(pick) : paths.projects()} replace />;
}

/** Remembers the project the user works in. */
export function rememberProject(project: string): void {
  try {
    localStorage.setItem(LAST, project);
  } catch {
    // not remembered
  }
}
