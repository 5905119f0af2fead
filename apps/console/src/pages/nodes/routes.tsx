import { Route } from 'react-router';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const nodesRoutes = (
  <>
    <Route path="/system/nodes" element={<ResourceListPage resource="nodes" />} />
  </>
);
