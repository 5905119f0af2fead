import { z } from 'zod';
import { endpoint } from './endpoint.ts';

/**
 * Image sources offered as suggestions when creating an image: the embedded sandbox's demo
 * catalogue, or any catalogue the BFF is pointed at (`CATALOGUE_URL`). Empty when there is none.
 */
export interface CatalogueEntry {
  name: string;
  title: string;
  /** An HTTP(S) URL the cluster can import from. */
  url: string;
  format: string;
  /** Bytes. */
  size: number;
  description: string;
}

export interface Catalogue {
  items: CatalogueEntry[];
  /** Container image references of the same images (a registry the cluster can pull from). */
  containerImages: string[];
}

export const catalogueEndpoints = {
  catalogueView: endpoint({
    name: 'catalogueView',
    method: 'GET',
    path: '/api/v1/catalogue',
    params: z.object({}),
    query: z.object({}),
  }).response<Catalogue>(),
};
