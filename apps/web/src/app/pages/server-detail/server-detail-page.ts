import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  ProblemDetails,
  ServerDetail,
  Tool,
} from '@plugboard/shared-contracts';
import {
  catchError,
  firstValueFrom,
  map,
  merge,
  Observable,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { toProblem } from '../../core/http/problem';
import { ServersApi } from '../../core/servers/servers-api';
import { AddToolForm } from './add-tool-form/add-tool-form';
import { ServerPlugins } from './server-plugins/server-plugins';
import { ToolInvoke } from './tool-invoke/tool-invoke';

export type ServerTab = 'tools' | 'plugins';
const TABS: readonly ServerTab[] = ['tools', 'plugins'];
const TAB_LABEL: Readonly<Record<ServerTab, string>> = {
  tools: 'Tools',
  plugins: 'Plugins',
};

type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; server: ServerDetail }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-server-detail-page',
  imports: [RouterLink, AddToolForm, ToolInvoke, ServerPlugins],
  templateUrl: './server-detail-page.html',
  styleUrl: './server-detail-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerDetailPage {
  private readonly api = inject(ServersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reloads = new Subject<void>();

  /** `:serverId` of the route. */
  readonly serverId = input.required<string>();
  /** `?tab=plugins` opens the Plugins tab (links and back/forward keep it). */
  readonly tab = input<string>();

  protected readonly tabs = TABS;
  protected readonly tabLabel = TAB_LABEL;
  protected readonly activeTab = computed<ServerTab>(() =>
    this.tab() === 'plugins' ? 'plugins' : 'tools',
  );

  /** A new id shows "Loading…"; a reload after a change keeps the page (and open results) in place. */
  protected readonly state = toSignal(
    toObservable(this.serverId).pipe(
      switchMap((serverId) =>
        merge(
          this.load(serverId).pipe(
            startWith<DetailState>({ status: 'loading' }),
          ),
          this.reloads.pipe(switchMap(() => this.load(serverId))),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies DetailState },
  );
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly deleting = signal(false);
  protected readonly problem = signal('');
  protected readonly status = signal('');

  protected selectTab(tab: ServerTab): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'tools' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern). */
  protected tabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.activeTab());
    const target =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!target) {
      return;
    }
    event.preventDefault();
    this.selectTab(target);
    const list = (event.currentTarget as HTMLElement).parentElement;
    list?.querySelector<HTMLElement>(`#tab-${target}`)?.focus();
  }

  protected toolAdded(tool: Tool): void {
    this.status.set(`Tool ${tool.name} added.`);
    this.reloads.next();
  }

  protected async deleteTool(toolName: string): Promise<void> {
    if (this.deleting()) {
      return;
    }
    this.problem.set('');
    this.status.set('');
    this.deleting.set(true);
    try {
      await firstValueFrom(this.api.deleteTool(this.serverId(), toolName), {
        defaultValue: undefined,
      });
      this.confirmingDelete.set(null);
      this.status.set(`Tool ${toolName} deleted.`);
      this.reloads.next();
    } catch (error: unknown) {
      this.problem.set(toProblem(error).detail);
    } finally {
      this.deleting.set(false);
    }
  }

  private load(serverId: string): Observable<DetailState> {
    return this.api.get(serverId).pipe(
      map((server): DetailState => ({ status: 'ready', server })),
      catchError((error: unknown) =>
        of<DetailState>({ status: 'error', problem: toProblem(error) }),
      ),
    );
  }
}
