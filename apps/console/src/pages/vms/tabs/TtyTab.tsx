/** The VM's Tty console tab (placeholder until built). Loaded lazily by the VM page. */
export function TtyTab({
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
