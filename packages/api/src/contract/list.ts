import { z } from 'zod';

/**
 * Lists the BFF serves from its watch cache: filtered, sorted and paged on the server, so a
 * project with 10,000 VMs answers its first page without sending 10,000 objects.
 */

export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 500;

/** Query of every list endpoint. Multi-valued filters are comma-separated. */
export const ListQuerySchema = z.object({
  /** Case-insensitive substring of the name (and, for VMs, of node, IP and class). */
  q: z.string().max(253).optional(),
  /** A Kubernetes label selector (`app=web,tier in (a,b)`). */
  labelSelector: z.string().max(4096).optional(),
  /** Comma-separated phases to keep. */
  phase: z.string().max(1024).optional(),
  /** Comma-separated node names to keep (VMs only). */
  node: z.string().max(4096).optional(),
  /** A sort key of the list; `-key` sorts descending. Default: name. */
  sort: z
    .string()
    .regex(/^-?[A-Za-z]+$/, 'must be a sort key, optionally prefixed with "-"')
    .optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).optional(),
  /** The `continue` token of the previous page. */
  continue: z.string().max(256).optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** Sort keys of the generic resource lists (`age` ascending = newest first). */
export const RESOURCE_SORT_KEYS = ['name', 'phase', 'age'] as const;
export type ResourceSortKey = (typeof RESOURCE_SORT_KEYS)[number];

/** One page of a list. */
export interface ListPage<T> {
  items: T[];
  /** How many items match the filters (all pages). */
  total: number;
  /** Token for the next page; absent on the last one. */
  continue?: string;
  /** The cache's resourceVersion when the page was cut (opaque; compare for equality only). */
  resourceVersion: string;
  /** Counts per phase and per node over the filtered set before the phase/node facets apply. */
  facets: { phase: Record<string, number>; node: Record<string, number> };
}
