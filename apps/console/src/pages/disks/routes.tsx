import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';
import { DisksPage } from './DisksPage.tsx';

// The disk page (YAML, diagnostics) loads on demand.
const DiskPage = lazy(() => import('./DiskPage.tsx').then((m) => ({ default: m.DiskPage })));

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
