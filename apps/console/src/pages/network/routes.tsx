import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const IpAddressesPage = lazyPage(
  () => import('./ip/IpAddressesPage.tsx').then((m) => m.IpAddressesPage),
  ['network'],
);
const IpLeasesPage = lazyPage(
  () => import('./leases/IpLeasesPage.tsx').then((m) => m.IpLeasesPage),
  ['network'],
);
const ServicesPage = lazyPage(
  () => import('./services/ServicesPage.tsx').then((m) => m.ServicesPage),
  ['network'],
);
const ServicePage = lazyPage(
  () => import('./services/ServicePage.tsx').then((m) => m.ServicePage),
  ['network'],
);
const IngressesPage = lazyPage(
  () => import('./ingresses/IngressesPage.tsx').then((m) => m.IngressesPage),
  ['network'],
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
