import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Fragment, lazy, type ReactNode } from 'react';
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  RouterProvider,
} from 'react-router';
import { basePath } from '../api/base-path.ts';
import { SessionProvider, useSession } from '../api/session.tsx';
import { EmbedBridge } from '../embed/EmbedBridge.tsx';
import { I18nProvider, useT } from '../i18n/i18n.tsx';
import { ProjectsPage } from '../pages/projects/ProjectsPage.tsx';
import { classesRoutes } from '../pages/classes/routes.tsx';
import { disksRoutes } from '../pages/disks/routes.tsx';
import { imagesRoutes } from '../pages/images/routes.tsx';
import { networkRoutes } from '../pages/network/routes.tsx';
import { nodesRoutes } from '../pages/nodes/routes.tsx';
import { settingsRoutes } from '../pages/settings/routes.tsx';
import { snapshotsRoutes } from '../pages/snapshots/routes.tsx';
import { VmsPage } from '../pages/vms/VmsPage.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { Keyed, Loading, lazyPage } from './route-parts.tsx';
import { Shell } from './Shell.tsx';
import { SignInPage } from './SignInPage.tsx';

// Create and detail pages load on demand; consoles load inside the detail page on demand.
const VmCreatePage = lazy(() =>
  import('../pages/vms/VmCreatePage.tsx').then((m) => ({ default: m.VmCreatePage })),
);
const VmPage = lazyPage(
  () => import('../pages/vms/VmPage.tsx').then((m) => m.VmPage),
  ['conditions'],
);

function NotFound() {
  const t = useT();
  return <p>{t('shell.notFound')}</p>;
}

/** Remounts everything below when the signed-in user changes: no page keeps another user's data. */
function UserScope({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return <Fragment key={session.user?.username ?? ''}>{children}</Fragment>;
}

/** Everything inside the router: the embed bridge, the session, the chrome around the page. */
function Root() {
  return (
    <>
      <EmbedBridge />
      <SessionProvider signIn={<SignInPage />} fallback={<Loading />}>
        <UserScope>
          <Shell>
            <Outlet />
          </Shell>
        </UserScope>
      </SessionProvider>
    </>
  );
}

/*
 * A data router (not <BrowserRouter>): forms with unsaved changes block navigation, Back and
 * Forward included, through `useBlocker`, which only data routers support.
 */
const routes = createRoutesFromElements(
  <Route element={<Root />}>
    <Route path="/" element={<HomeRedirect />} />
    <Route path="/projects" element={<ProjectsPage />} />
    <Route path="/projects/:project" element={<Navigate to="vms" replace />} />
    <Route
      path="/projects/:project/vms"
      element={
        <Keyed>
          <VmsPage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/vms/new"
      element={
        <Keyed>
          <VmCreatePage />
        </Keyed>
      }
    />
    <Route path="/projects/:project/vms/:name" element={<Navigate to="overview" replace />} />
    <Route
      path="/projects/:project/vms/:name/:tab"
      element={
        <Keyed>
          <VmPage />
        </Keyed>
      }
    />
    {disksRoutes}
    {imagesRoutes}
    {snapshotsRoutes}
    {networkRoutes}
    <Route path="/system" element={<Navigate to="cluster-images" replace />} />
    <Route
      path="/system/settings"
      element={<Navigate to="/system/modules/virtualization" replace />}
    />
    {classesRoutes}
    {nodesRoutes}
    {settingsRoutes}
    <Route path="*" element={<NotFound />} />
  </Route>,
);

let router: ReturnType<typeof createBrowserRouter> | undefined;

/** The whole app: query cache, locale, session, router (under the BFF's base path). */
export function App({ client }: { client: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <RouterProvider
          router={(router ??= createBrowserRouter(routes, { basename: basePath() || '/' }))}
        />
      </I18nProvider>
    </QueryClientProvider>
  );
}
