// The caller's teams (every team for a platform admin), each leading to its plugin settings.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  Page,
  ProblemDetails,
  TeamSummary,
} from '@plugboard/shared-contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { type PageInfo, pageInfo, pageWindow } from '../../core/http/page-info';
import { toProblem } from '../../core/http/problem';
import { TeamsApi } from '../../core/teams/teams-api';

export const TEAMS_PAGE_SIZE = 20;

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; page: Page<TeamSummary>; info: PageInfo }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-teams-page',
  imports: [RouterLink],
  templateUrl: './teams-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamsPage {
  private readonly api = inject(TeamsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `?page=`, so back/forward and links keep the place. */
  readonly page = input<string>();

  protected readonly view = computed(() =>
    pageWindow(this.page(), TEAMS_PAGE_SIZE),
  );
  protected readonly state = toSignal(
    toObservable(this.view).pipe(
      switchMap((view) =>
        this.api.list(view).pipe(
          map(
            (page): ListState => ({
              status: 'ready',
              page,
              info: pageInfo(page),
            }),
          ),
          catchError((error: unknown) =>
            of<ListState>({ status: 'error', problem: toProblem(error) }),
          ),
          startWith<ListState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies ListState },
  );

  protected goToPage(page: number): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { page: page > 1 ? page : null },
      queryParamsHandling: 'merge',
    });
  }
}
