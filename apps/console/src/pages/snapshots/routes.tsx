import { Navigate, Route } from 'react-router';
import { Keyed, lazyPage } from '../../app/route-parts.tsx';

// Dialogs and the YAML view make these pages large: they load on demand.
const SnapshotsPage = lazyPage(
  () => import('./SnapshotsPage.tsx').then((m) => m.SnapshotsPage),
  ['snapshots', 'disks'],
);
const SnapshotPage = lazyPage(
  () => import('./SnapshotPage.tsx').then((m) => m.SnapshotPage),
  ['snapshots', 'disks'],
);

/** The routes of this area (mounted by app/App.tsx). Pages load lazily where they are large. */
export const snapshotsRoutes = (
  <>
    <Route path="/projects/:project/snapshots" element={<Navigate to="disks" replace />} />
    <Route
      path="/projects/:project/snapshots/disks"
      element={
        <Keyed>
          <SnapshotsPage kind="disks" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/snapshots/vms"
      element={
        <Keyed>
          <SnapshotsPage kind="vms" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/snapshots/disks/:name"
      element={
        <Keyed>
          <SnapshotPage kind="disks" />
        </Keyed>
      }
    />
    <Route
      path="/projects/:project/snapshots/vms/:name"
      element={
        <Keyed>
          <SnapshotPage kind="vms" />
        </Keyed>
      }
    />
  </>
);
