// One plugin at one level: its state and badge, and, when the API allows, the switch and the
// config editor with Save, Preview impact and Remove. The API decides what may change
// (canToggle, canConfigure, reason) and whether a write is valid; this card shows the answer.
import { JsonPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type {
  LevelPluginView,
  SettingWritePlan,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/problem';
import {
  type PluginScope,
  PluginSettingsApi,
} from '../../core/plugins/plugin-settings-api';
import { ServersApi } from '../../core/servers/servers-api';
import { ToggleSwitch } from '../toggle-switch/toggle-switch';
import { type PlanView, toPlanView } from '../write-plan/plan-view.util';
import { WritePlan } from '../write-plan/write-plan';
import {
  buildSettingWrite,
  draftOf,
  sameDraft,
  type SettingDraft,
  type SettingProblem,
  settingProblemOf,
} from './setting-draft.util';

type Busy = 'save' | 'preview' | 'remove' | null;

/** What a card tells its page after a committed write (or when the row must be reloaded). */
export interface SettingChange {
  pluginName: string;
  /** What the card announced, e.g. "Saved RegexFilterPlugin."; empty for a reload. */
  message: string;
}

const LEVEL_NOUN: Readonly<Record<PluginScope['level'], string>> = {
  team: 'team',
  user: 'personal',
  server: 'server',
};

/** The id of a card's heading (focusable), e.g. to bring focus back after the card moved. */
export function settingHeadingId(pluginName: string): string {
  return `${settingId(pluginName)}-name`;
}

function settingId(pluginName: string): string {
  return `setting-${pluginName.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Most servers a preview names; beyond that they are shown by id. */
const NAMED_SERVERS = 200;

@Component({
  selector: 'pb-plugin-setting-card',
  imports: [JsonPipe, ToggleSwitch, WritePlan],
  templateUrl: './plugin-setting-card.html',
  styleUrl: './plugin-setting-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PluginSettingCard {
  private readonly api = inject(PluginSettingsApi);
  private readonly servers = inject(ServersApi);

  readonly plugin = input.required<LevelPluginView>();
  readonly scope = input.required<PluginScope>();
  /** Label of the inherit checkbox (user rows: "Inherit team config"). */
  readonly inheritLabel = input('Inherit config from the levels above');
  /** False when the page announces committed writes itself (cards that move between groups). */
  readonly announceChanges = input(true);
  /** A write committed, or the row must be reloaded: the page loads the level again. */
  readonly changed = output<SettingChange>();

  /** The stored state; a reload that leaves it as it was keeps what the user is typing. */
  private readonly stored = computed(() => draftOf(this.plugin()), {
    equal: sameDraft,
  });
  protected readonly enabled = linkedSignal(() => this.stored().enabled);
  protected readonly configText = linkedSignal(() => this.stored().configText);
  protected readonly inheritConfig = linkedSignal(
    () => this.stored().inheritConfig,
  );
  protected readonly priorityText = linkedSignal(
    () => this.stored().priorityText,
  );

  protected readonly id = computed(() => settingId(this.plugin().name));
  protected readonly editable = computed(
    () => this.plugin().canToggle || this.plugin().canConfigure,
  );
  /** The editor opens for what is on, has a row here, or is being switched on; not for every idle plugin. */
  protected readonly showEditor = computed(() => {
    const plugin = this.plugin();
    return (
      this.editable() &&
      (plugin.mandatory ||
        plugin.setting !== null ||
        this.enabled() ||
        this.dirty())
    );
  });
  protected readonly levelNoun = computed(() => LEVEL_NOUN[this.scope().level]);
  protected readonly dirty = computed(
    () => !sameDraft(this.draft(), this.stored()),
  );

  protected readonly busy = signal<Busy>(null);
  protected readonly clientErrors = signal<Readonly<Record<string, string>>>(
    {},
  );
  protected readonly problem = signal<SettingProblem | null>(null);
  protected readonly status = signal('');
  protected readonly plan = signal<PlanView | null>(null);
  protected readonly confirmingRemove = signal(false);
  private lastDryRun = false;

  protected readonly configErrors = computed(() => {
    const local = this.clientErrors()['config'];
    return local ? [local] : (this.problem()?.configErrors ?? []);
  });
  protected readonly priorityError = computed(
    () =>
      this.clientErrors()['priority'] ?? this.problem()?.priorityError ?? '',
  );

  protected toggle(on: boolean): void {
    this.enabled.set(on);
    this.plan.set(null);
    this.status.set(
      this.dirty() ? `${this.plugin().name}: not saved yet.` : '',
    );
  }

  protected submitted(event: Event): void {
    event.preventDefault();
    void this.write(false, false);
  }

  protected preview(): Promise<void> {
    return this.write(true, false);
  }

  /** Retries the last save or preview, asking the API to enable the missing requirements. */
  protected enableRequirements(): Promise<void> {
    return this.write(this.lastDryRun, true);
  }

  protected reload(): void {
    this.problem.set(null);
    this.changed.emit({ pluginName: this.plugin().name, message: '' });
  }

  protected async remove(): Promise<void> {
    const row = this.plugin().setting;
    if (!row || this.busy()) {
      return;
    }
    this.start('remove');
    try {
      await firstValueFrom(
        this.api.remove(this.scope(), this.plugin().name, {
          version: row.version,
        }),
      );
      this.confirmingRemove.set(false);
      this.announce(
        `Removed the ${this.levelNoun()} setting of ${this.plugin().name}.`,
      );
    } catch (error: unknown) {
      this.problem.set(settingProblemOf(toProblem(error), this.plugin().name));
    } finally {
      this.busy.set(null);
    }
  }

  private async write(dryRun: boolean, autoEnable: boolean): Promise<void> {
    if (this.busy()) {
      return;
    }
    const plugin = this.plugin();
    const built = buildSettingWrite(this.draft(), plugin);
    this.clientErrors.set(built.ok ? {} : built.errors);
    if (!built.ok) {
      this.problem.set(null);
      this.status.set('');
      return;
    }
    if (!dryRun && !autoEnable && !this.dirty()) {
      this.problem.set(null);
      this.status.set('No changes to save.');
      return;
    }
    this.lastDryRun = dryRun;
    this.start(dryRun ? 'preview' : 'save');
    const body = {
      ...built.value,
      ...(dryRun ? { dryRun: true } : {}),
      ...(autoEnable ? { autoEnableRequirements: true } : {}),
    };
    try {
      const outcome = await firstValueFrom(
        plugin.setting
          ? this.api.replace(this.scope(), plugin.name, body)
          : this.api.create(this.scope(), plugin.name, body),
      );
      if (outcome.dryRun) {
        this.plan.set(
          toPlanView(outcome.plan, await this.namesOf(outcome.plan)),
        );
        this.status.set(`Preview ready for ${plugin.name}.`);
        return;
      }
      const also = outcome.autoEnabled.length
        ? ` Also enabled: ${outcome.autoEnabled.join(', ')}.`
        : '';
      this.announce(`Saved ${plugin.name}.${also}`);
    } catch (error: unknown) {
      this.problem.set(settingProblemOf(toProblem(error), plugin.name));
    } finally {
      this.busy.set(null);
    }
  }

  private announce(message: string): void {
    if (this.announceChanges()) {
      this.status.set(message);
    }
    this.changed.emit({ pluginName: this.plugin().name, message });
  }

  private draft(): SettingDraft {
    return {
      enabled: this.enabled(),
      configText: this.configText(),
      inheritConfig: this.inheritConfig(),
      priorityText: this.priorityText(),
    };
  }

  private start(what: Exclude<Busy, null>): void {
    this.busy.set(what);
    this.problem.set(null);
    this.status.set('');
    this.plan.set(null);
  }

  /** Server names for a plan (it carries ids only); ids stay when the list cannot be read. */
  private async namesOf(
    plan: SettingWritePlan,
  ): Promise<Record<string, string>> {
    if (plan.servers.length === 0) {
      return {};
    }
    const scope = this.scope();
    try {
      const page = await firstValueFrom(
        this.servers.list({
          limit: NAMED_SERVERS,
          offset: 0,
          ...(scope.level === 'team' ? { teamId: scope.teamId } : {}),
        }),
      );
      return Object.fromEntries(page.items.map((s) => [s.id, s.name]));
    } catch {
      return {};
    }
  }
}
