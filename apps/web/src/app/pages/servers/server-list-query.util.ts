import { pageWindow } from '../../core/http/page-info';
import type { ServerListQuery } from '../../core/servers/servers-api';

export { type PageInfo, pageInfo } from '../../core/http/page-info';

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
  return { q: (q ?? '').trim(), ...pageWindow(page, pageSize) };
}
