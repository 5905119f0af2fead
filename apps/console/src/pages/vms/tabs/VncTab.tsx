import { ConsoleGate } from '../../../components/consoles/ConsoleGate.tsx';
import { VncConsole } from '../../../components/consoles/VncConsole.tsx';

/** The VM's "VNC" tab: its screen through noVNC. Loaded lazily by the VM page (noVNC stays out of the main bundle). */
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
    <ConsoleGate kind="vnc" namespace={namespace} name={name} phase={phase}>
      {(session, reconnect) => (
        <VncConsole namespace={namespace} name={name} session={session} onReconnect={reconnect} />
      )}
    </ConsoleGate>
  );
}
