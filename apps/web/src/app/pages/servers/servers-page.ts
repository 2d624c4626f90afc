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
  ServerDetail,
  ServerSummary,
} from '@plugboard/shared-contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toProblem } from '../../core/http/problem';
import { ServersApi } from '../../core/servers/servers-api';
import { PluginSlot } from '../../plugin-ui/plugin-slot/plugin-slot';
import { NewServerForm } from './new-server-form/new-server-form';
import {
  type PageInfo,
  pageInfo,
  toServerListView,
} from './server-list-query.util';

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; page: Page<ServerSummary>; info: PageInfo }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-servers-page',
  imports: [RouterLink, NewServerForm, PluginSlot],
  templateUrl: './servers-page.html',
  styleUrl: './servers-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServersPage {
  private readonly api = inject(ServersApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `?q=` and `?page=`: the list state lives in the URL so back/forward and links work. */
  readonly q = input<string>();
  readonly page = input<string>();

  protected readonly view = computed(() =>
    toServerListView(this.q(), this.page()),
  );
  protected readonly canCreate = this.auth.canCreateServers;
  protected readonly teams = computed(() => this.auth.me()?.teams ?? []);

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

  protected search(event: Event, text: string): void {
    event.preventDefault();
    void this.navigate({ q: text.trim() || null, page: null });
  }

  protected goToPage(page: number): void {
    void this.navigate({ page: page > 1 ? page : null });
  }

  protected openServer(server: ServerDetail): void {
    void this.router.navigate(['/servers', server.id]);
  }

  private navigate(
    queryParams: Record<string, string | number | null>,
  ): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
    });
  }
}
