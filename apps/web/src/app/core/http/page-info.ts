// Paging of the API's `Page<T>` lists as the pages show it: `?page=` in the URL, "x–y of n".
import type { Page } from '@plugboard/shared-contracts';

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

export interface PageWindow {
  /** 1-based page number as shown in the URL (`?page=2`). */
  page: number;
  limit: number;
  offset: number;
}

/** The window for the URL's `?page=`; anything unparsable falls back to page 1. */
export function pageWindow(
  page: string | undefined,
  pageSize: number,
): PageWindow {
  const parsed = Number(page);
  const pageNumber = Number.isInteger(parsed) && parsed >= 1 ? parsed : 1;
  return {
    page: pageNumber,
    limit: pageSize,
    offset: (pageNumber - 1) * pageSize,
  };
}
