import {
  QueryClient,
  useMutation,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
} from '@tanstack/react-query';
import type { Endpoint, EndpointName, ParamsOf, QueryOf, ResponseOf } from '@dvp/api';
import { call, type CallArgs } from './client.ts';
import { ApiError, toApiError } from './errors.ts';

/** The query key of an endpoint call: `[name, params, query]` (style.md §5.3). */
export function queryKey<E extends Endpoint>(
  e: E,
  params: ParamsOf<E>,
  query?: QueryOf<E>,
): QueryKey {
  return query === undefined ? [e.name, params] : [e.name, params, query];
}

/** Query options for a GET endpoint: `useQuery(q(api.vmView, {namespace, name}))`. */
export function q<E extends Endpoint>(e: E, params: ParamsOf<E>, query?: QueryOf<E>) {
  return {
    queryKey: queryKey(e, params, query),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      call(e, { params, ...(query !== undefined ? { query } : {}), signal } as CallArgs<E>),
  };
}

/** Invalidates every cached call of an endpoint (optionally only those with matching params). */
export function invalidateEndpoint(
  client: QueryClient,
  name: EndpointName,
  params?: Record<string, unknown>,
): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) => {
      const [n, p] = query.queryKey as [string, Record<string, unknown> | undefined];
      if (n !== name) return false;
      if (!params) return true;
      return Object.entries(params).every(([k, v]) => p?.[k] === v);
    },
  });
}

/** A mutation over one endpoint; errors arrive as ApiError. */
export function useApiMutation<E extends Endpoint, C = unknown>(
  e: E,
  options: Omit<UseMutationOptions<ResponseOf<E>, ApiError, CallArgs<E>, C>, 'mutationFn'> = {},
) {
  return useMutation<ResponseOf<E>, ApiError, CallArgs<E>, C>({
    ...options,
    mutationFn: async (args) => {
      try {
        return await call(e, args);
      } catch (err) {
        throw toApiError(err);
      }
    },
  });
}

export { useQueryClient };

/** The app's query client: no retries on 4xx, no refetch on focus (the stream keeps data fresh). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          const code = err instanceof ApiError ? err.code : 0;
          return code >= 400 && code < 500 ? false : count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
