import { ConsoleGate } from '../../../components/consoles/ConsoleGate.tsx';
import { SerialTerminal } from '../../../components/consoles/SerialTerminal.tsx';

/** The VM's "TTY" tab: the serial console. Loaded lazily by the VM page (xterm.js stays out of the main bundle). */
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
    <ConsoleGate kind="console" namespace={namespace} name={name} phase={phase}>
      {(session, reconnect) => (
        <SerialTerminal
          namespace={namespace}
          name={name}
          session={session}
          onReconnect={reconnect}
        />
      )}
    </ConsoleGate>
  );
}
