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
  PluginSlotEntry,
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
import { BootstrapService } from '../../core/bootstrap/bootstrap.service';
import { toProblem } from '../../core/http/problem';
import { PluginComponentHost } from '../../plugin-ui/plugin-component-host/plugin-component-host';
import { ServersApi } from '../../core/servers/servers-api';
import { AddToolForm } from './add-tool-form/add-tool-form';
import { ServerPlugins } from './server-plugins/server-plugins';
import { ToolInvoke } from './tool-invoke/tool-invoke';

/** `tools`, `plugins`, or the id of a plugin's `server:tabs` entry. */
export type ServerTab = string;

export interface ServerTabView {
  key: ServerTab;
  label: string;
  /** Safe for element ids: `tab-<domId>`, `panel-<domId>`. */
  domId: string;
  /** A plugin's tab. */
  entry?: PluginSlotEntry;
}

const CORE_TABS: readonly ServerTabView[] = [
  { key: 'tools', label: 'Tools', domId: 'tools' },
  { key: 'plugins', label: 'Plugins', domId: 'plugins' },
];

/** The core tabs, then one per plugin entry of the `server:tabs` slot (first of a repeated id). */
export function serverTabsOf(
  entries: readonly PluginSlotEntry[],
): ServerTabView[] {
  const tabs = [...CORE_TABS];
  for (const entry of entries) {
    if (tabs.some((tab) => tab.key === entry.id)) {
      continue;
    }
    tabs.push({
      key: entry.id,
      label: entry.title ?? entry.plugin,
      domId: `ext-${entry.id.replace(/[^A-Za-z0-9_-]/g, '-')}`,
      entry,
    });
  }
  return tabs;
}

type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; server: ServerDetail }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-server-detail-page',
  imports: [
    RouterLink,
    AddToolForm,
    ToolInvoke,
    ServerPlugins,
    PluginComponentHost,
  ],
  templateUrl: './server-detail-page.html',
  styleUrl: './server-detail-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerDetailPage {
  private readonly api = inject(ServersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reloads = new Subject<void>();
  private readonly serverTabSlot = inject(BootstrapService).slot('server:tabs');

  /** `:serverId` of the route. */
  readonly serverId = input.required<string>();
  /** `?tab=plugins` opens the Plugins tab (links and back/forward keep it). */
  readonly tab = input<string>();

  protected readonly tabs = computed(() =>
    serverTabsOf(this.serverTabSlot()),
  );
  /** An unknown `?tab=` (e.g. a plugin tab that went away) shows Tools. */
  protected readonly activeTab = computed<ServerTab>(() => {
    const wanted = this.tab();
    return this.tabs().some((tab) => tab.key === wanted) && wanted
      ? wanted
      : 'tools';
  });
  protected readonly pluginTabs = computed(() =>
    this.tabs().filter((tab) => tab.entry !== undefined),
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
    const tabs = this.tabs();
    const index = tabs.findIndex((tab) => tab.key === this.activeTab());
    const target =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!target) {
      return;
    }
    event.preventDefault();
    this.selectTab(target.key);
    const list = (event.currentTarget as HTMLElement).parentElement;
    list?.querySelector<HTMLElement>(`#tab-${target.domId}`)?.focus();
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
