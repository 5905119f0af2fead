import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigUser {
  name: string;
  token: string;
}

/**
 * A kubeconfig for the sandbox: one cluster (trusting the sandbox CA), a user and a context per
 * token, the first user (the admin) current.
 */
export function renderKubeconfig(server: string, caCert: string, users: KubeconfigUser[]): string {
  const first = users[0];
  if (!first) throw new Error('a kubeconfig needs at least one user');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'dvp-sandbox',
        cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') },
      },
    ],
    users: users.map((u) => ({ name: u.name, user: { token: u.token } })),
    contexts: users.map((u) => ({
      name: u.name === first.name ? 'dvp-sandbox' : `dvp-sandbox-${u.name}`,
      context: { cluster: 'dvp-sandbox', user: u.name, namespace: 'default' },
    })),
    'current-context': 'dvp-sandbox',
  });
}

export function writeKubeconfig(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}
