import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const networkRoutes = (
  <>
    <Route
      path="/projects/:project/network/ip-addresses"
      element={
        <Keyed>
          <ResourceListPage resource="virtualmachineipaddresses" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/network/services"
      element={
        <Keyed>
          <ResourceListPage resource="services" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/network/ingresses"
      element={
        <Keyed>
          <ResourceListPage resource="ingresses" />
        </Keyed>
      }
    />
    <Route
      path="/system/ip-leases"
      element={<ResourceListPage resource="virtualmachineipaddressleases" />}
    />
  </>
);
