/** The guest OS as the agent reports it (`status.guestOSInfo`): its pretty name, else name + version. */
export function guestOsName(info: Record<string, unknown> | undefined): string | undefined {
  if (!info) return undefined;
  const str = (k: string) => (typeof info[k] === 'string' && info[k] ? info[k] : '');
  const pretty = str('prettyName');
  if (pretty) return pretty;
  const joined = [str('name'), str('version')].filter(Boolean).join(' ');
  return joined || undefined;
}

/** One guest OS field as text (`kernelRelease`, `hostname`…), if the agent reports it. */
export function guestOsField(info: Record<string, unknown> | undefined, key: string): string {
  const v = info?.[key];
  return typeof v === 'string' ? v : '';
}
