import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';

const ModulePage = lazy(() => import('./ModulePage.tsx').then((m) => ({ default: m.ModulePage })));

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const settingsRoutes = (
  <>
    <Route
      path="/system/modules/virtualization"
      element={
        <Keyed>
          <ModulePage />
        </Keyed>
      }
    />
    <Route
      path="/system/modules/virtualization/:tab"
      element={
        <Keyed>
          <ModulePage />
        </Keyed>
      }
    />
  </>
);
