import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const imagesRoutes = (
  <>
    <Route
      path="/projects/:project/images"
      element={
        <Keyed>
          <ResourceListPage resource="virtualimages" />
        </Keyed>
      }
    />
    <Route
      path="/system/cluster-images"
      element={<ResourceListPage resource="clustervirtualimages" />}
    />
  </>
);
