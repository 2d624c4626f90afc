// The signed-in user's plugin preferences, shown under the levels above them.
import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type {
  LevelPluginSettings,
  ProblemDetails,
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
import { AuthService } from '../../core/auth/auth.service';
import { toProblem } from '../../core/http/problem';
import {
  type PluginScope,
  PluginSettingsApi,
} from '../../core/plugins/plugin-settings-api';
import {
  PluginSettingCard,
  type SettingChange,
  settingHeadingId,
} from '../../plugin-settings/plugin-setting-card/plugin-setting-card';
import {
  asSentence,
  sharedReason,
} from '../../plugin-settings/shared-reason.util';
import { type PluginGroup, groupPlugins } from './plugin-groups.util';

interface MyPlugins {
  groups: PluginGroup[];
  /** Customization turned off (or nothing may change): the API's reason, said once. */
  blockedReason: string | null;
}

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; view: MyPlugins }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-my-plugins-page',
  imports: [PluginSettingCard],
  templateUrl: './my-plugins-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPluginsPage {
  private readonly api = inject(PluginSettingsApi);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly reloads = new Subject<void>();
  private focusAfterLoad: string | null = null;

  protected readonly scope: PluginScope = { level: 'user' };
  /** With several teams the API cannot pick one: team defaults then apply per server. */
  protected readonly severalTeams = computed(
    () => (this.auth.me()?.teams.length ?? 0) > 1,
  );
  protected readonly state = toSignal(
    merge(
      this.load().pipe(startWith<PageState>({ status: 'loading' })),
      this.reloads.pipe(switchMap(() => this.load())),
    ),
    { initialValue: { status: 'loading' } satisfies PageState },
  );

  /** Said here, not on the card: a saved plugin may move to another group (a new card). */
  protected readonly status = signal('');

  protected changed(change: SettingChange): void {
    this.status.set(change.message);
    this.focusAfterLoad = change.pluginName;
    this.reloads.next();
  }

  private load(): Observable<PageState> {
    return this.api.mySettings().pipe(
      map(
        (settings): PageState => ({ status: 'ready', view: toView(settings) }),
      ),
      tap(() => this.keepFocus()),
      catchError((error: unknown) =>
        of<PageState>({ status: 'error', problem: toProblem(error) }),
      ),
    );
  }

  /** When the saved plugin's card moved to another group, focus follows it. */
  private keepFocus(): void {
    const pluginName = this.focusAfterLoad;
    this.focusAfterLoad = null;
    if (!pluginName) {
      return;
    }
    afterNextRender(
      () => {
        const active = this.document.activeElement;
        if (!active || active === this.document.body) {
          this.document.getElementById(settingHeadingId(pluginName))?.focus();
        }
      },
      { injector: this.injector },
    );
  }
}

function blockedReason(settings: LevelPluginSettings): string | null {
  const reason =
    sharedReason(settings.plugins) ??
    (settings.canWrite
      ? null
      : 'You may read these settings but not change them');
  return reason === null ? null : asSentence(reason);
}

function toView(settings: LevelPluginSettings): MyPlugins {
  return {
    groups: groupPlugins(settings.plugins),
    blockedReason: blockedReason(settings),
  };
}
