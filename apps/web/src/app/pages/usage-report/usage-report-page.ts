// Usage report (admin): heatmap plugins × servers by level, adoption bars, recent changes,
// the drill-down of one plugin, and CSV/JSON export with the same filters.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type {
  ProblemDetails,
  UsageReport,
  UsageReportQuery,
} from '@plugboard/shared-contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AdminApi, usageReportExportUrl } from '../../core/admin/admin-api';
import { toProblem } from '../../core/http/problem';
import { adoptionBars, heatmapRows, USAGE_LEVELS } from './usage-view.util';

export const USAGE_PAGE_SIZE = 50;

type ReportState =
  | { status: 'loading' }
  | { status: 'ready'; report: UsageReport }
  | { status: 'error'; problem: ProblemDetails };

interface Filters {
  plugin: string;
  team: string;
  user: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = {
  plugin: '',
  team: '',
  user: '',
  from: '',
  to: '',
};

@Component({
  selector: 'pb-usage-report-page',
  templateUrl: './usage-report-page.html',
  styleUrl: './usage-report-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageReportPage {
  private readonly api = inject(AdminApi);

  protected readonly levels = USAGE_LEVELS;
  protected readonly heatmapRows = heatmapRows;
  protected readonly adoptionBars = adoptionBars;
  protected readonly draft = signal<Filters>(NO_FILTERS);
  protected readonly query = signal<UsageReportQuery>({
    limit: USAGE_PAGE_SIZE,
    offset: 0,
  });
  protected readonly csvUrl = computed(() =>
    usageReportExportUrl(this.query(), 'csv'),
  );
  protected readonly jsonUrl = computed(() =>
    usageReportExportUrl(this.query(), 'json'),
  );

  protected readonly state = toSignal(
    toObservable(this.query).pipe(
      switchMap((query) =>
        this.api.usageReport(query).pipe(
          map((report): ReportState => ({ status: 'ready', report })),
          catchError((error: unknown) =>
            of<ReportState>({ status: 'error', problem: toProblem(error) }),
          ),
          startWith<ReportState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies ReportState },
  );

  protected setFilter(key: keyof Filters, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.draft.update((filters) => ({ ...filters, [key]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    const filters = this.draft();
    this.query.set({
      plugin: filters.plugin.trim() || undefined,
      team: filters.team.trim() || undefined,
      user: filters.user.trim() || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      limit: USAGE_PAGE_SIZE,
      offset: 0,
    });
  }

  /** Drill down into one plugin (the column header or an adoption bar). */
  protected drillDown(plugin: string): void {
    this.draft.update((filters) => ({ ...filters, plugin }));
    this.query.update((query) => ({ ...query, plugin, offset: 0 }));
  }

  protected movePage(delta: number): void {
    this.query.update((query) => ({
      ...query,
      offset: Math.max(0, (query.offset ?? 0) + delta * USAGE_PAGE_SIZE),
    }));
  }
}
