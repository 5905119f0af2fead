import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';

const NodesPage = lazy(() => import('./NodesPage.tsx').then((m) => ({ default: m.NodesPage })));
const NodePage = lazy(() => import('./NodePage.tsx').then((m) => ({ default: m.NodePage })));

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
