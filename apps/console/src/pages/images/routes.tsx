import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';

const ImagesPage = lazy(() => import('./ImagesPage.tsx').then((m) => ({ default: m.ImagesPage })));
const ImagePage = lazy(() => import('./ImagePage.tsx').then((m) => ({ default: m.ImagePage })));

/** The routes of this area (mounted by app/App.tsx). Pages load lazily. */
export const imagesRoutes = (
  <>
    <Route
      path="/projects/:project/images"
      element={
        <Keyed>
          <ImagesPage cluster={false} />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/images/:name/:tab?"
      element={
        <Keyed>
          <ImagePage cluster={false} />
        </Keyed>
      }
    />
    <Route
      path="/system/cluster-images"
      element={
        <Keyed>
          <ImagesPage cluster />
        </Keyed>
      }
    />
    <Route
      path="/system/cluster-images/:name/:tab?"
      element={
        <Keyed>
          <ImagePage cluster />
        </Keyed>
      }
    />
  </>
);
