// A team's plugin settings: mandatory plugins, then the optional ones owners switch and configure.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  LevelPluginSettings,
  LevelPluginView,
  ProblemDetails,
  TeamDetail,
} from '@plugboard/shared-contracts';
import {
  catchError,
  combineLatest,
  map,
  merge,
  Observable,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { toProblem } from '../../core/http/problem';
import {
  type PluginScope,
  PluginSettingsApi,
} from '../../core/plugins/plugin-settings-api';
import { TeamsApi } from '../../core/teams/teams-api';
import { PluginSlot } from '../../plugin-ui/plugin-slot/plugin-slot';
import { PluginSettingCard } from '../../plugin-settings/plugin-setting-card/plugin-setting-card';
import {
  asSentence,
  sharedReason,
} from '../../plugin-settings/shared-reason.util';

interface TeamPlugins {
  team: TeamDetail;
  canWrite: boolean;
  mandatory: LevelPluginView[];
  optional: LevelPluginView[];
  /** Why nothing here may change, said once (members read only). */
  readOnlyReason: string | null;
}

type Loaded =
  | { ok: true; settings: LevelPluginSettings }
  | { ok: false; problem: ProblemDetails };

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; view: TeamPlugins }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-team-plugins-page',
  imports: [RouterLink, PluginSettingCard, PluginSlot],
  templateUrl: './team-plugins-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPluginsPage {
  private readonly teams = inject(TeamsApi);
  private readonly settings = inject(PluginSettingsApi);
  private readonly reloads = new Subject<void>();

  /** `:teamId` of the route. */
  readonly teamId = input.required<string>();

  protected readonly scope = computed<PluginScope>(() => ({
    level: 'team',
    teamId: this.teamId(),
  }));
  /** A reload after a save reads the settings again and keeps the cards (and what they announce). */
  protected readonly state = toSignal(
    toObservable(this.teamId).pipe(switchMap((teamId) => this.load(teamId))),
    { initialValue: { status: 'loading' } satisfies PageState },
  );

  protected reload(): void {
    this.reloads.next();
  }

  private load(teamId: string): Observable<PageState> {
    const settings = merge(of(null), this.reloads).pipe(
      switchMap(() =>
        this.settings.teamSettings(teamId).pipe(
          map((loaded): Loaded => ({ ok: true, settings: loaded })),
          catchError((error: unknown) =>
            of<Loaded>({ ok: false, problem: toProblem(error) }),
          ),
        ),
      ),
    );
    return combineLatest([this.teams.get(teamId), settings]).pipe(
      map(
        ([team, loaded]): PageState =>
          loaded.ok
            ? { status: 'ready', view: toView(team, loaded.settings) }
            : { status: 'error', problem: loaded.problem },
      ),
      catchError((error: unknown) =>
        of<PageState>({ status: 'error', problem: toProblem(error) }),
      ),
      startWith<PageState>({ status: 'loading' }),
    );
  }
}

function toView(team: TeamDetail, settings: LevelPluginSettings): TeamPlugins {
  return {
    team,
    canWrite: settings.canWrite,
    mandatory: settings.plugins.filter((plugin) => plugin.mandatory),
    optional: settings.plugins.filter((plugin) => !plugin.mandatory),
    readOnlyReason: settings.canWrite
      ? null
      : asSentence(
          sharedReason(settings.plugins) ??
            'You may read these settings but not change them',
        ),
  };
}
