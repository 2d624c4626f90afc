// Audit log (admin): governance changes, newest first, filtered on the server and paged by cursor.
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type {
  AuditLevelName,
  AuditLogPage as AuditLogPageData,
  ProblemDetails,
} from '@plugboard/shared-contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AdminApi, type AuditLogQuery } from '../../core/admin/admin-api';
import { toProblem } from '../../core/http/problem';
import { CursorPager } from '../../core/paging/cursor-pager';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_LEVEL_OPTIONS: readonly AuditLevelName[] = [
  'global',
  'mandatory',
  'team',
  'user',
  'server',
  'platform',
];

type LogState =
  | { status: 'loading' }
  | { status: 'ready'; page: AuditLogPageData }
  | { status: 'error'; problem: ProblemDetails };

interface Filters {
  plugin: string;
  level: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = {
  plugin: '',
  level: '',
  actor: '',
  from: '',
  to: '',
};

@Component({
  selector: 'pb-audit-log-page',
  templateUrl: './audit-log-page.html',
  imports: [CursorPager],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly api = inject(AdminApi);

  protected readonly levels = AUDIT_LEVEL_OPTIONS;
  /** What the form holds; applied on submit. */
  protected readonly draft = signal<Filters>(NO_FILTERS);
  /** The applied filters and the cursors of the pages before this one (for Previous). */
  private readonly query = signal<{ filters: Filters; cursors: string[] }>({
    filters: NO_FILTERS,
    cursors: [],
  });
  protected readonly pageNumber = signal(1);

  protected readonly state = toSignal(
    toObservable(this.query).pipe(
      switchMap(({ filters, cursors }) => {
        const request: AuditLogQuery = {
          ...filters,
          cursor: cursors.at(-1),
          limit: AUDIT_PAGE_SIZE,
        };
        return this.api.auditLog(request).pipe(
          map((page): LogState => ({ status: 'ready', page })),
          catchError((error: unknown) =>
            of<LogState>({ status: 'error', problem: toProblem(error) }),
          ),
          startWith<LogState>({ status: 'loading' }),
        );
      }),
    ),
    { initialValue: { status: 'loading' } satisfies LogState },
  );

  protected setFilter(key: keyof Filters, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.draft.update((filters) => ({ ...filters, [key]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    const filters = this.draft();
    this.query.set({
      filters: {
        ...filters,
        plugin: filters.plugin.trim(),
        actor: filters.actor.trim(),
      },
      cursors: [],
    });
    this.pageNumber.set(1);
  }

  protected reset(): void {
    this.draft.set(NO_FILTERS);
    this.query.set({ filters: NO_FILTERS, cursors: [] });
    this.pageNumber.set(1);
  }

  protected next(cursor: string): void {
    this.query.update((query) => ({
      ...query,
      cursors: [...query.cursors, cursor],
    }));
    this.pageNumber.update((page) => page + 1);
  }

  protected previous(): void {
    this.query.update((query) => ({
      ...query,
      cursors: query.cursors.slice(0, -1),
    }));
    this.pageNumber.update((page) => Math.max(1, page - 1));
  }
}
