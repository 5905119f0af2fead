import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Fragment, lazy, Suspense, type ReactNode } from 'react';
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  RouterProvider,
  useParams,
} from 'react-router';
import { basePath } from '../api/base-path.ts';
import { SessionProvider, useSession } from '../api/session.tsx';
import { EmbedBridge } from '../embed/EmbedBridge.tsx';
import { I18nProvider, useT } from '../i18n/i18n.tsx';
import { ProjectsPage } from '../pages/projects/ProjectsPage.tsx';
import { ResourceListPage } from '../pages/resources/ResourceListPage.tsx';
import { VmsPage } from '../pages/vms/VmsPage.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { Shell } from './Shell.tsx';
import { SignInPage } from './SignInPage.tsx';

// Create and detail pages load on demand; consoles load inside the detail page on demand.
const VmCreatePage = lazy(() =>
  import('../pages/vms/VmCreatePage.tsx').then((m) => ({ default: m.VmCreatePage })),
);
const VmPage = lazy(() => import('../pages/vms/VmPage.tsx').then((m) => ({ default: m.VmPage })));

function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

function NotFound() {
  const t = useT();
  return <p>{t('shell.notFound')}</p>;
}

/** Remounts a page when its project changes, so no state leaks between projects. */
function Keyed({ children }: { children: ReactNode }) {
  const { project = '', name = '' } = useParams();
  return (
    <Suspense key={`${project}/${name}`} fallback={<Loading />}>
      {children}
    </Suspense>
  );
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
    <Route
      path="/projects/:project/disks"
      element={
        <Keyed>
          <ResourceListPage resource="virtualdisks" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/images"
      element={
        <Keyed>
          <ResourceListPage resource="virtualimages" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/snapshots"
      element={
        <Keyed>
          <ResourceListPage resource="virtualdisksnapshots" />
        </Keyed>
      }
    />
    <Route path="/system" element={<Navigate to="cluster-images" replace />} />
    <Route
      path="/system/cluster-images"
      element={<ResourceListPage resource="clustervirtualimages" />}
    />
    <Route path="/system/classes" element={<ResourceListPage resource="virtualmachineclasses" />} />
    <Route path="/system/nodes" element={<ResourceListPage resource="nodes" />} />
    <Route path="/system/settings" element={<ResourceListPage resource="moduleconfigs" />} />
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
