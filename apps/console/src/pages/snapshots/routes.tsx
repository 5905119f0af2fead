import { lazy } from 'react';
import { Navigate, Route } from 'react-router';
import { Keyed } from '../../app/route-parts.tsx';

// Dialogs and the YAML view make these pages large: they load on demand.
const SnapshotsPage = lazy(() =>
  import('./SnapshotsPage.tsx').then((m) => ({ default: m.SnapshotsPage })),
);
const SnapshotPage = lazy(() =>
  import('./SnapshotPage.tsx').then((m) => ({ default: m.SnapshotPage })),
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
