import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const ImagesPage = lazyPage(() => import('./ImagesPage.tsx').then((m) => m.ImagesPage), ['images']);
const ImagePage = lazyPage(() => import('./ImagePage.tsx').then((m) => m.ImagePage), ['images']);

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
