import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const DisksPage = lazyPage(
  () => import('./DisksPage.tsx').then((m) => m.DisksPage),
  ['disks', 'snapshots'],
);

// The disk page (YAML, diagnostics) loads on demand.
const DiskPage = lazyPage(
  () => import('./DiskPage.tsx').then((m) => m.DiskPage),
  ['disks', 'snapshots'],
);

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const disksRoutes = (
  <>
    <Route
      path="/projects/:project/disks"
      element={
        <Keyed>
          <DisksPage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/disks/:name"
      element={
        <Keyed>
          <DiskPage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/disks/:name/:tab"
      element={
        <Keyed>
          <DiskPage />
        </Keyed>
      }
    />
  </>
);
