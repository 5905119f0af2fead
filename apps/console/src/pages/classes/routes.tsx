import { lazy } from 'react';
import { Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';
import { ClassesPage } from './ClassesPage.tsx';

// The detail and form pages carry the YAML library and the form code: loaded on demand.
const ClassPage = lazy(() => import('./ClassPage.tsx').then((m) => ({ default: m.ClassPage })));
const ClassCreatePage = lazy(() =>
  import('./ClassCreatePage.tsx').then((m) => ({ default: m.ClassCreatePage })),
);
const ClassEditPage = lazy(() =>
  import('./ClassEditPage.tsx').then((m) => ({ default: m.ClassEditPage })),
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
