import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const snapshotsRoutes = (
  <>
    <Route
      path="/projects/:project/snapshots"
      element={
        <Keyed>
          <ResourceListPage resource="virtualdisksnapshots" />
        </Keyed>
      }
    />
  </>
);
