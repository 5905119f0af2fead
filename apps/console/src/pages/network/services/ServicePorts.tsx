import type { Service } from '@dvp/api';
import { useT } from '../../../i18n/i18n.tsx';

type Port = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** A service's ports as a small table (name, port, target, protocol, node port). */
export function ServicePorts({ ports }: { ports: Port[] }) {
  const t = useT();
  return (
    <section aria-labelledby="svc-ports">
      <h2 id="svc-ports">{t('network.svc.ports')}</h2>
      {ports.length === 0 ? (
        <p className="muted">{t('network.svc.noPorts')}</p>
      ) : (
        <table className="net-table" aria-labelledby="svc-ports">
          <thead>
            <tr>
              <th scope="col">{t('network.svc.portName')}</th>
              <th scope="col">{t('network.svc.port')}</th>
              <th scope="col">{t('network.svc.targetPort')}</th>
              <th scope="col">{t('network.svc.protocol')}</th>
              <th scope="col">{t('network.svc.nodePort')}</th>
            </tr>
          </thead>
          <tbody>
            {ports.map((p, i) => (
              <tr key={`${p.port}/${p.protocol ?? 'TCP'}/${i}`}>
                <td>{p.name ?? '—'}</td>
                <td>{p.port}</td>
                <td>{p.targetPort !== undefined ? String(p.targetPort) : String(p.port)}</td>
                <td>{p.protocol ?? 'TCP'}</td>
                <td>{p.nodePort ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
