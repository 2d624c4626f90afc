// The tool call log of AuditLoggerPlugin: filters applied on the server, pages by cursor.
// With `serverId` set (a server's Calls tab) the log is that server's and the server filter goes.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  Page,
  ProblemDetails,
  ServerSummary,
} from '@plugboard/shared-contracts';
import {
  catchError,
  combineLatest,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { toProblem } from '../../../core/http/problem';
import { ServersApi } from '../../../core/servers/servers-api';
import {
  CALL_LOG_OUTCOMES,
  CallLogApi,
  type CallLogItem,
  type CallLogPage,
} from '../call-log-api';
import { CursorPager } from '../../../core/paging/cursor-pager';

export const CALL_LOG_PAGE_SIZE = 50;
/** The server filter lists at most this many servers (the API's page limit). */
export const SERVER_CHOICES_LIMIT = 200;

interface Filters {
  serverId: string;
  tool: string;
  outcome: string;
}

const NO_FILTERS: Filters = { serverId: '', tool: '', outcome: '' };

type LogState =
  | { status: 'loading' }
  | { status: 'ready'; page: CallLogPage }
  | { status: 'error'; problem: ProblemDetails };

type ServerChoices =
  | { status: 'loading' }
  | { status: 'ready'; page: Page<ServerSummary> }
  | { status: 'error'; problem: ProblemDetails };

let nextId = 0;

@Component({
  selector: 'pb-call-log-browser',
  imports: [RouterLink, CursorPager],
  templateUrl: './call-log-browser.html',
  styleUrl: './call-log-browser.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallLogBrowser {
  private readonly api = inject(CallLogApi);
  private readonly serversApi = inject(ServersApi);

  /** Only this server's calls (a server's tab); empty: every server, with a server filter. */
  readonly serverId = input<string>('');

  protected readonly ids = `call-log-${++nextId}`;
  protected readonly outcomes = CALL_LOG_OUTCOMES;
  protected readonly fixedServer = computed(() => this.serverId() !== '');
  protected readonly draft = signal<Filters>(NO_FILTERS);
  private readonly query = signal<{ filters: Filters; cursors: string[] }>({
    filters: NO_FILTERS,
    cursors: [],
  });
  protected readonly pageNumber = computed(
    () => this.query().cursors.length + 1,
  );

  protected readonly state = toSignal(
    combineLatest([toObservable(this.serverId), toObservable(this.query)]).pipe(
      switchMap(([fixedServerId, { filters, cursors }]) =>
        this.api
          .calls({
            limit: CALL_LOG_PAGE_SIZE,
            cursor: cursors.at(-1),
            serverId: fixedServerId || filters.serverId,
            tool: filters.tool,
            outcome: filters.outcome,
          })
          .pipe(
            map((page): LogState => ({ status: 'ready', page })),
            catchError((error: unknown) =>
              of<LogState>({ status: 'error', problem: toProblem(error) }),
            ),
            startWith<LogState>({ status: 'loading' }),
          ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies LogState },
  );

  /** The servers for the server filter (not loaded on a server's own tab). */
  protected readonly servers = toSignal(
    toObservable(this.fixedServer).pipe(
      switchMap((fixed) =>
        fixed
          ? of<ServerChoices>({
              status: 'ready',
              page: { items: [], total: 0, limit: 0, offset: 0 },
            })
          : this.serversApi
              .list({ limit: SERVER_CHOICES_LIMIT, offset: 0 })
              .pipe(
                map((page): ServerChoices => ({ status: 'ready', page })),
                catchError((error: unknown) =>
                  of<ServerChoices>({
                    status: 'error',
                    problem: toProblem(error),
                  }),
                ),
                startWith<ServerChoices>({ status: 'loading' }),
              ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies ServerChoices },
  );

  protected setFilter(key: keyof Filters, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.draft.update((filters) => ({ ...filters, [key]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    const filters = this.draft();
    this.query.set({
      filters: { ...filters, tool: filters.tool.trim() },
      cursors: [],
    });
  }

  protected reset(): void {
    this.draft.set(NO_FILTERS);
    this.query.set({ filters: NO_FILTERS, cursors: [] });
  }

  /** Row action: only this server's calls. */
  protected onlyServer(item: CallLogItem): void {
    const filters = { ...this.query().filters, serverId: item.serverId };
    this.draft.set(filters);
    this.query.set({ filters, cursors: [] });
  }

  protected next(cursor: string): void {
    this.query.update((query) => ({
      ...query,
      cursors: [...query.cursors, cursor],
    }));
  }

  protected previous(): void {
    this.query.update((query) => ({
      ...query,
      cursors: query.cursors.slice(0, -1),
    }));
  }

  protected json(value: unknown): string {
    return value === undefined ? '' : JSON.stringify(value, null, 2);
  }
}
