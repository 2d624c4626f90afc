import type { Page } from '@plugboard/shared-contracts';
import type { ServerListQuery } from '../../core/servers/servers-api';

export const SERVERS_PAGE_SIZE = 20;

export interface ServerListView extends ServerListQuery {
  /** 1-based page number as shown in the URL (`?page=2`). */
  page: number;
  q: string;
}

/** The list request for the URL's `?q=&page=`; anything unparsable falls back to page 1. */
export function toServerListView(
  q: string | undefined,
  page: string | undefined,
  pageSize = SERVERS_PAGE_SIZE,
): ServerListView {
  const parsed = Number(page);
  const pageNumber = Number.isInteger(parsed) && parsed >= 1 ? parsed : 1;
  return {
    q: (q ?? '').trim(),
    page: pageNumber,
    limit: pageSize,
    offset: (pageNumber - 1) * pageSize,
  };
}

export interface PageInfo {
  /** 1-based index of the first and last item shown; 0 when the page is empty. */
  first: number;
  last: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageInfo(page: Page<unknown>): PageInfo {
  const shown = page.items.length;
  return {
    first: shown > 0 ? page.offset + 1 : 0,
    last: page.offset + shown,
    total: page.total,
    hasPrevious: page.offset > 0,
    hasNext: page.offset + shown < page.total,
  };
}
