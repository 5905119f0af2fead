import { useQuery } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useMatch, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { q } from '../api/query.ts';
import { useSession } from '../api/session.tsx';
import { useStreamState } from '../api/watch.ts';
import { isEmbedded } from '../embed/embed.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { applyTheme, useTheme, type ThemeChoice } from '../stores/theme.ts';
import { useUploadCount } from '../stores/upload-presence.ts';
import { lazyPage } from './route-parts.tsx';
import { Toasts } from './Toasts.tsx';
import { paths } from './paths.ts';

function StreamIndicator() {
  const { t } = useI18n();
  const state = useStreamState();
  if (state === 'live' || state === 'idle') return null;
  return (
    <span className="stream-state" role="status">
      {state === 'reconnecting' ? t('shell.reconnecting') : t('shell.connecting')}
    </span>
  );
}

function ProjectPicker({ project }: { project: string | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useQuery(q(api.projectList, {}));
  const names = (data?.items ?? []).map((p) => p.name);
  if (project && !names.includes(project)) names.unshift(project);
  return (
    <label className="project-picker">
      <span>{t('shell.project')}</span>
      <select
        className="input"
        value={project ?? ''}
        onChange={(e) => {
          const next = e.target.value;
          if (!next) return;
          // Stay on the same section in the other project.
          const section = /^\/projects\/[^/]+\/([^/]+)/.exec(location.pathname)?.[1] ?? 'vms';
          void navigate(`/projects/${encodeURIComponent(next)}/${section}`);
        }}
      >
        {!project ? <option value="">{t('shell.chooseProject')}</option> : null}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu() {
  const { t } = useI18n();
  const { session, switchUser } = useSession();
  const username = session.user?.username ?? '';
  return (
    <div className="user-menu">
      {session.sandboxUsers?.length ? (
        <label>
          <span className="visually-hidden">{t('shell.switchUser')}</span>
          <select
            className="input"
            aria-label={t('shell.switchUser')}
            value={username}
            onChange={(e) => void switchUser(e.target.value)}
          >
            {session.sandboxUsers.map((u) => (
              <option key={u.username} value={u.username} title={u.description}>
                {u.username}
              </option>
            ))}
            {!session.sandboxUsers.some((u) => u.username === username) ? (
              <option value={username}>{username}</option>
            ) : null}
          </select>
        </label>
      ) : (
        <span>{t('shell.user', { user: username })}</span>
      )}
    </div>
  );
}

function Preferences() {
  const { t, locale, setLocale } = useI18n();
  const theme = useTheme();
  return (
    <div className="prefs">
      <select
        className="input"
        aria-label={t('shell.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value === 'ru' ? 'ru' : 'en')}
      >
        <option value="en">English</option>
        <option value="ru">Русский</option>
      </select>
      <select
        className="input"
        aria-label={t('theme.label')}
        value={theme}
        onChange={(e) => applyTheme(e.target.value as ThemeChoice)}
      >
        <option value="system">{t('theme.system')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </div>
  );
}

function SideNav({ project, system }: { project: string | undefined; system: boolean }) {
  const { t } = useI18n();
  if (system)
    return (
      <nav className="sidenav" aria-label={t('nav.sections')}>
        <h2 className="sidenav-group">{t('nav.virtualization')}</h2>
        <ul>
          <li>
            <NavLink to={paths.clusterImages()}>{t('nav.clusterImages')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.classes()}>{t('nav.classes')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.ipLeases()}>{t('nav.ipLeases')}</NavLink>
          </li>
        </ul>
        <h2 className="sidenav-group">{t('nav.nodesGroup')}</h2>
        <ul>
          <li>
            <NavLink to={paths.nodes()}>{t('nav.nodes')}</NavLink>
          </li>
        </ul>
        <h2 className="sidenav-group">{t('nav.deckhouse')}</h2>
        <ul>
          <li>
            <NavLink to={paths.settings()}>{t('nav.settings')}</NavLink>
          </li>
        </ul>
      </nav>
    );
  return (
    <nav className="sidenav" aria-label={t('nav.sections')}>
      {project ? (
        <>
          <h2 className="sidenav-group">{t('nav.virtualization')}</h2>
          <ul>
            <li>
              <NavLink to={paths.vms(project)}>{t('nav.vms')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.disks(project)}>{t('nav.disks')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.images(project)}>{t('nav.images')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.snapshots(project)}>{t('nav.snapshots')}</NavLink>
            </li>
          </ul>
          <h2 className="sidenav-group">{t('nav.network')}</h2>
          <ul>
            <li>
              <NavLink to={paths.services(project)}>{t('nav.services')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.ingresses(project)}>{t('nav.ingresses')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.ipAddresses(project)}>{t('nav.ipAddresses')}</NavLink>
            </li>
          </ul>
        </>
      ) : (
        <h2 className="sidenav-group">{t('nav.virtualization')}</h2>
      )}
    </nav>
  );
}

const UploadIndicator = lazyPage(
  () => import('../pages/images/upload/UploadIndicator.tsx').then((m) => m.UploadIndicator),
  ['images'],
);

/** Uploads in progress, on every page (the indicator's code loads with the first upload). */
function Uploads() {
  const uploading = useUploadCount() > 0;
  return uploading ? (
    <Suspense fallback={null}>
      <UploadIndicator />
    </Suspense>
  ) : null;
}

/** The chrome: top tabs Projects | System, project picker, side navigation (hidden when embedded). */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  // The shell sits outside the page routes: read the project from the URL itself.
  const project = useMatch('/projects/:project/*')?.params.project;
  const location = useLocation();
  const system = location.pathname.startsWith('/system');
  const embedded = isEmbedded();
  return (
    <div className={`shell${embedded ? ' embedded' : ''}`}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      {embedded ? null : (
        <header className="topbar">
          <Link to="/" className="brand">
            {t('app.title')}
          </Link>
          <nav aria-label={t('nav.main')} className="toptabs">
            <NavLink
              to={project ? paths.vms(project) : paths.projects()}
              className={() => (!system ? 'active' : '')}
            >
              {t('nav.projects')}
            </NavLink>
            <NavLink to={paths.clusterImages()} className={() => (system ? 'active' : '')}>
              {t('nav.system')}
            </NavLink>
          </nav>
          {!system ? <ProjectPicker project={project} /> : null}
          <div className="topbar-end">
            <StreamIndicator />
            <Preferences />
            <UserMenu />
          </div>
        </header>
      )}
      <div className="body">
        {embedded ? null : <SideNav project={project} system={system} />}
        <main id="main" className="main" tabIndex={-1}>
          {embedded ? <StreamIndicator /> : null}
          {children}
        </main>
      </div>
      <Uploads />
      <Toasts />
    </div>
  );
}
