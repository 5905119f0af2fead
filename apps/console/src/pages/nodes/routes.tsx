import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const NodesPage = lazyPage(() => import('./NodesPage.tsx').then((m) => m.NodesPage), ['nodes']);
const NodePage = lazyPage(() => import('./NodePage.tsx').then((m) => m.NodePage), ['nodes']);

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const nodesRoutes = (
  <>
    <Route
      path="/system/nodes"
      element={
        <Keyed>
          <NodesPage />
        </Keyed>
      }
    />
    <Route
      path="/system/nodes/:name"
      element={
        <Keyed>
          <NodePage />
        </Keyed>
      }
    />
  </>
);
