/** `Ready` condition reasons an import can fail with (dvp-api.md §6). */
export type FailureReason =
  | 'ProvisioningFailed'
  | 'ImagePullFailed'
  | 'WaitForUserUploadTimeout'
  | 'ProvisioningFailedTerminally';

/** An import failed for a reason the user can act on; `message` says what and what to do. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    message: string,
    readonly reason: FailureReason = 'ProvisioningFailed',
  ) {
    super(message);
  }
}

/** The client went away in the middle of an upload: the image waits for another one. */
export class UploadInterrupted extends Error {
  override readonly name = 'UploadInterrupted';
}

/** Seconds from an environment variable, or the default. */
export function envSeconds(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** A sentence about a network error code (`ECONNREFUSED`, `ENOTFOUND`, TLS errors, …). */
export function describeNetworkError(e: unknown, host: string): string {
  const err = e as NodeJS.ErrnoException & { code?: string };
  const code = err.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return `the connection to ${host} was refused (nothing listens on that port)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `the host name of ${host} cannot be resolved (DNS lookup failed; the sandbox has no internet access, so only hosts it can reach work, e.g. the demo catalogue)`;
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return `${host} did not answer in time (${err.message})`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${host} closed the connection unexpectedly`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable from the sandbox (no route to it)`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${host} is not trusted (${err.message}); put the CA certificate (base64 of the PEM) into caBundle`;
    default:
      return err.message || String(e);
  }
}
