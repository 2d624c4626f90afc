// The Plugins tab of a server: its chain in execution order with badges, effective config and
// where each key comes from, ignored rows, degraded warnings; the owner edits server rows.
import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type {
  ProblemDetails,
  ServerPluginChain,
} from '@plugboard/shared-contracts';
import {
  catchError,
  map,
  merge,
  Observable,
  of,
  startWith,
  Subject,
  switchMap,
  tap,
} from 'rxjs';
import { toProblem } from '../../../core/http/problem';
import {
  type PluginScope,
  PluginSettingsApi,
} from '../../../core/plugins/plugin-settings-api';
import {
  PluginSettingCard,
  type SettingChange,
  settingHeadingId,
} from '../../../plugin-settings/plugin-setting-card/plugin-setting-card';
import {
  asSentence,
  sharedReason,
} from '../../../plugin-settings/shared-reason.util';
import { addablePlugins, configKeys, serverRows } from './chain-view.util';

type ChainState =
  | { status: 'loading' }
  | { status: 'ready'; chain: ServerPluginChain }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-server-plugins',
  imports: [PluginSettingCard],
  templateUrl: './server-plugins.html',
  styleUrl: './server-plugins.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerPlugins {
  private readonly api = inject(PluginSettingsApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly reloads = new Subject<void>();

  readonly serverId = input.required<string>();

  protected readonly scope = computed<PluginScope>(() => ({
    level: 'server',
    serverId: this.serverId(),
  }));
  protected readonly state = toSignal(
    toObservable(this.serverId).pipe(
      switchMap((serverId) =>
        merge(
          this.load(serverId).pipe(
            startWith<ChainState>({ status: 'loading' }),
          ),
          this.reloads.pipe(switchMap(() => this.load(serverId))),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies ChainState },
  );
  /** The plugin picked in "Add a server plugin", shown as a card until it is saved. */
  protected readonly adding = signal<string | null>(null);
  protected readonly status = signal('');

  private readonly plugins = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.chain.plugins : [];
  });
  protected readonly rows = computed(() =>
    serverRows(this.plugins(), this.adding()),
  );
  protected readonly addable = computed(() =>
    addablePlugins(this.plugins()).filter((p) => p.name !== this.adding()),
  );
  protected readonly readOnlyReason = computed(() => {
    const state = this.state();
    return state.status === 'ready' && !state.chain.canWrite
      ? asSentence(
          sharedReason(state.chain.plugins) ??
            'You may read these settings but not change them',
        )
      : null;
  });
  protected readonly configKeys = configKeys;

  protected add(event: Event, pluginName: string): void {
    event.preventDefault();
    if (!pluginName) {
      return;
    }
    this.adding.set(pluginName);
    this.status.set(`${pluginName} added below as a draft: set it, then Save.`);
    // The draft card is new: take focus there so keyboard users land on it.
    afterNextRender(
      () => this.document.getElementById(settingHeadingId(pluginName))?.focus(),
      { injector: this.injector },
    );
  }

  /** Said here, not on the card: a removed row's card goes away. */
  protected changed(change: SettingChange): void {
    this.status.set(change.message);
    this.reloads.next();
  }

  private load(serverId: string): Observable<ChainState> {
    return this.api.serverChain(serverId).pipe(
      tap((chain) => {
        // A saved draft is a server row now; its card stays where it was.
        const draft = chain.plugins.find((p) => p.name === this.adding());
        if (draft?.setting) {
          this.adding.set(null);
        }
      }),
      map((chain): ChainState => ({ status: 'ready', chain })),
      catchError((error: unknown) =>
        of<ChainState>({ status: 'error', problem: toProblem(error) }),
      ),
    );
  }
}
