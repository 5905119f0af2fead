import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { GenericResource } from '@dvp/api';
import { api, call } from '../../../api/client.ts';
import { toApiError, type ApiError } from '../../../api/errors.ts';

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

/**
 * A server-side dry run (`?dryRun=All`) of creating `body`, repeated while the user edits (after a
 * pause), so the webhook's refusals (a taken name, a size rule) show on the fields before Create.
 * Only runs while the client-side checks pass. Returns the refusal of the latest settled body.
 */
export function useDryRunCreate(
  namespace: string,
  resource: GenericResource,
  body: Record<string, unknown>,
  enabled: boolean,
): { error: ApiError | null; checking: boolean; checkedBody: string | undefined } {
  const text = JSON.stringify(body);
  const settled = useDebounced(text, 400);
  const res = useQuery({
    queryKey: ['dryRunCreate', { namespace, resource }, settled],
    queryFn: async ({ signal }) => {
      try {
        await call(api.resourceCreate, {
          params: { namespace, resource },
          query: { dryRun: 'All' },
          body: JSON.parse(settled) as { metadata: Record<string, unknown> },
          signal,
        });
        return null;
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        return toApiError(err);
      }
    },
    enabled: enabled && settled === text,
    retry: false,
    staleTime: 10_000,
    gcTime: 10_000,
  });
  return {
    error: settled === text ? (res.data ?? null) : null,
    checking: enabled && (settled !== text || res.isFetching),
    checkedBody: res.data !== undefined ? settled : undefined,
  };
}
