import { endpoints, type Catalogue, type CatalogueEntry } from '@dvp/api';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';

/** How long one read of the catalogue is served before it is read again. */
const TTL_MS = 60_000;
const TIMEOUT_MS = 5_000;
const MAX_ITEMS = 200;

const EntrySchema = z.object({
  name: z.string().min(1).max(253),
  title: z.string().max(253).default(''),
  url: z.url({ protocol: /^https?$/ }),
  format: z.string().max(32).default(''),
  size: z.number().nonnegative().default(0),
  description: z.string().max(1024).default(''),
});
const BodySchema = z.object({
  items: z.array(z.unknown()).max(MAX_ITEMS).default([]),
  containerImages: z.array(z.string().max(512)).max(MAX_ITEMS).default([]),
});

const EMPTY: Catalogue = { items: [], containerImages: [] };

/** Reads a catalogue document, keeping the entries that are well-formed and dropping the rest. */
export function parseCatalogue(body: unknown): Catalogue {
  const doc = BodySchema.safeParse(body);
  if (!doc.success) return EMPTY;
  const items: CatalogueEntry[] = [];
  for (const raw of doc.data.items) {
    const e = EntrySchema.safeParse(raw);
    if (e.success) items.push(e.data);
  }
  return { items, containerImages: doc.data.containerImages };
}

/**
 * `catalogueView`: the demo image catalogue (the embedded sandbox's, or CATALOGUE_URL), read by
 * the BFF because the browser cannot reach the cluster's data plane. It is a list of
 * suggestions, not data the user could be denied: every signed-in user may read it. When there
 * is no catalogue, or it cannot be read, the answer is an empty list (the form still works).
 */
export function registerCatalogueRoutes(router: Router, ctx: AppContext): void {
  let cached: { at: number; value: Promise<Catalogue> } | undefined;
  const read = async (url: string): Promise<Catalogue> => {
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return parseCatalogue(await res.json());
    } catch (err) {
      ctx.logger.warn('catalogue unavailable', { url, error: String(err) });
      cached = undefined; // try again on the next request
      return EMPTY;
    }
  };
  route(router, endpoints.catalogueView, () => {
    const url = ctx.catalogueUrl;
    if (!url) return Promise.resolve(EMPTY);
    const now = Date.now();
    if (!cached || now - cached.at > TTL_MS) cached = { at: now, value: read(url) };
    return cached.value;
  });
}
