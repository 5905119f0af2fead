import { Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

const ClassesPage = lazyPage(
  () => import('./ClassesPage.tsx').then((m) => m.ClassesPage),
  ['classes'],
);

// The detail and form pages carry the YAML library and the form code: loaded on demand.
const ClassPage = lazyPage(() => import('./ClassPage.tsx').then((m) => m.ClassPage), ['classes']);
const ClassCreatePage = lazyPage(
  () => import('./ClassCreatePage.tsx').then((m) => m.ClassCreatePage),
  ['classes'],
);
const ClassEditPage = lazyPage(
  () => import('./ClassEditPage.tsx').then((m) => m.ClassEditPage),
  ['classes'],
);

/** The routes of this area (mounted by app/App.tsx). */
export const classesRoutes = (
  <>
    <Route path="/system/classes" element={<ClassesPage />} />
    <Route
      path="/system/classes/new"
      element={
        <Keyed>
          <ClassCreatePage />
        </Keyed>
      }
    />
    <Route
      path="/system/classes/:name/edit"
      element={
        <Keyed>
          <ClassEditPage />
        </Keyed>
      }
    />
    <Route
      path="/system/classes/:name/:tab?"
      element={
        <Keyed>
          <ClassPage />
        </Keyed>
      }
    />
  </>
);
