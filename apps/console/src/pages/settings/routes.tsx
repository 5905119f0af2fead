import { Route } from 'react-router';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const settingsRoutes = (
  <>
    <Route
      path="/system/modules/virtualization"
      element={<ResourceListPage resource="moduleconfigs" />}
    />
  </>
);
