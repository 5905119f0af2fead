import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const ModulePage = lazyPage(
  () => import('./ModulePage.tsx').then((m) => m.ModulePage),
  ['settings'],
);

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
