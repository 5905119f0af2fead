/** Shared by every list page (components/list). */
export const en = {
  'list.filter.q': 'Search by name',
  'list.filter.labels': 'Label selector',
  'list.filter.labelsHint': 'For example app=web,tier in (a,b)',
  'list.filter.phase': 'Phase',
  'list.filter.facet': '{value} ({count})',
  'list.filter.clear': 'Clear filters',
  'list.count': '{shown, number} of {total, number} shown',
  'list.loadMore': 'Load more',
  'list.loadingMore': 'Loading more…',
  'list.emptyFiltered': 'Nothing matches the filters.',
  'list.error': 'Could not load the list: {message}',
  'list.actions': 'Actions',
} as const;
