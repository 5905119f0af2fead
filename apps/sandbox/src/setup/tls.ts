import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sandbox's own certificate authority and a server certificate it signed. */
export interface TlsMaterial {
  caCert: string;
  cert: string;
  key: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Loads the TLS material from `dir`, generating it on first start: a CA and a server certificate
 * for 127.0.0.1, ::1 and localhost. kubectl sends bearer tokens only over TLS, so the sandbox
 * always serves HTTPS; the kubeconfig it writes trusts this CA.
 */
export function ensureTls(dir: string): TlsMaterial {
  const tlsDir = join(dir, 'tls');
  const paths = {
    caCert: join(tlsDir, 'ca.crt'),
    caKey: join(tlsDir, 'ca.key'),
    cert: join(tlsDir, 'server.crt'),
    key: join(tlsDir, 'server.key'),
  };
  if (!existsSync(paths.cert) || !existsSync(paths.key) || !existsSync(paths.caCert)) {
    mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '3650',
        '-subj',
        '/CN=dvp-sandbox-ca',
      ],
      tlsDir,
    );
    openssl(
      ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=dvp-sandbox'],
      tlsDir,
    );
    writeFileSync(
      join(tlsDir, 'server.ext'),
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'server.crt',
        '-days',
        '3650',
        '-extfile',
        'server.ext',
      ],
      tlsDir,
    );
  }
  return {
    caCert: readFileSync(paths.caCert, 'utf8'),
    cert: readFileSync(paths.cert, 'utf8'),
    key: readFileSync(paths.key, 'utf8'),
  };
}
