/** `mac-aa-bb-cc-dd-ee-ff` → `aa:bb:cc:dd:ee:ff` (the inverse of `macLeaseName`). */
export function macFromLeaseName(name: string): string | undefined {
  const m = /^mac-((?:[0-9a-f]{2}-){5}[0-9a-f]{2})$/i.exec(name);
  return m?.[1]?.replaceAll('-', ':');
}
