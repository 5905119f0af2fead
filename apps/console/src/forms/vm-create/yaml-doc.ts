/** Manifests ↔ multi-document YAML, for the YAML view (lazily loaded with the create page). */
import { parseAllDocuments, stringify } from 'yaml';

export function manifestsToYaml(docs: readonly unknown[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** `d8 k apply` with the manifests on stdin, as the user guide writes it. */
export function applyCommand(yaml: string): string {
  return `d8 k apply -f - <<'EOF'\n${yaml.endsWith('\n') ? yaml : `${yaml}\n`}EOF\n`;
}

export type ParseResult = { ok: true; docs: unknown[] } | { ok: false; message: string };

export function parseYamlDocs(text: string): ParseResult {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const err = d.errors[0];
    if (err) return { ok: false, message: err.message };
  }
  return { ok: true, docs: list.map((d) => d.toJS() as unknown) };
}
