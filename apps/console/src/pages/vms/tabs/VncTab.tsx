/** The VM's Vnc console tab (placeholder until built). Loaded lazily by the VM page. */
export function VncTab({
  namespace,
  name,
  phase,
}: {
  namespace: string;
  name: string;
  phase: string;
}) {
  return (
    <p>
      {namespace}/{name}: {phase}
    </p>
  );
}
