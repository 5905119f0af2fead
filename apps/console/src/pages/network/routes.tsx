import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';

const IpAddressesPage = lazy(() =>
  import('./ip/IpAddressesPage.tsx').then((m) => ({ default: m.IpAddressesPage })),
);
const IpLeasesPage = lazy(() =>
  import('./leases/IpLeasesPage.tsx').then((m) => ({ default: m.IpLeasesPage })),
);
const ServicesPage = lazy(() =>
  import('./services/ServicesPage.tsx').then((m) => ({ default: m.ServicesPage })),
);
const ServicePage = lazy(() =>
  import('./services/ServicePage.tsx').then((m) => ({ default: m.ServicePage })),
);
const IngressesPage = lazy(() =>
  import('./ingresses/IngressesPage.tsx').then((m) => ({ default: m.IngressesPage })),
);

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const networkRoutes = (
  <>
    <Route
      path="/projects/:project/network/ip-addresses"
      element={
        <Keyed>
          <IpAddressesPage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/network/services"
      element={
        <Keyed>
          <ServicesPage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/network/services/:name"
      element={
        <Keyed>
          <ServicePage />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/network/ingresses"
      element={
        <Keyed>
          <IngressesPage />
        </Keyed>
      }
    />
    <Route
      path="/system/ip-leases"
      element={
        <Keyed>
          <IpLeasesPage />
        </Keyed>
      }
    />
  </>
);
