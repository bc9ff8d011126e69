import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

/** The audit trail of the entities the caller may see. */
export const auditQueries = {
  list: (filter: QueryOf<'/api/v1/audit'>) =>
    queryOptions({
      queryKey: ['audit', filter],
      queryFn: () => data(http.GET('/api/v1/audit', { params: { query: filter } })),
      placeholderData: keepPreviousData,
    }),
};
