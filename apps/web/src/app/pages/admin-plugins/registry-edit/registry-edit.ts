// Edit one registry entry's switches, mode and priority: review the impact (dry run), then save.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import type {
  PluginModeName,
  ProblemDetails,
  RegistryEntryView,
  RegistryUpdateResult,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { AdminApi } from '../../../core/admin/admin-api';
import { toProblem } from '../../../core/http/problem';
import {
  DRAFT_FLAGS,
  draftOf,
  PLUGIN_MODES,
  priorityError,
  type RegistryDraft,
  registryPatch,
} from './registry-edit.util';

@Component({
  selector: 'pb-registry-edit',
  templateUrl: './registry-edit.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegistryEdit implements OnInit {
  private readonly api = inject(AdminApi);

  readonly entry = input.required<RegistryEntryView>();
  readonly saved = output<RegistryEntryView>();
  readonly closed = output();

  protected readonly flags = DRAFT_FLAGS;
  protected readonly modes = PLUGIN_MODES;
  protected readonly draft = signal<RegistryDraft>({
    enabledGlobally: false,
    availableForTeams: false,
    availableForUsers: false,
    mode: 'enforce',
    priority: 0,
  });
  protected readonly preview = signal<RegistryUpdateResult | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly priorityError = computed(() =>
    priorityError(this.draft().priority),
  );

  ngOnInit(): void {
    this.draft.set(draftOf(this.entry()));
  }

  protected setFlag(key: (typeof DRAFT_FLAGS)[number][0], event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.draft.update((draft) => ({ ...draft, [key]: checked }));
    this.preview.set(null);
  }

  protected setMode(event: Event): void {
    const mode = (event.target as HTMLSelectElement).value as PluginModeName;
    this.draft.update((draft) => ({ ...draft, mode }));
    this.preview.set(null);
  }

  protected setPriority(event: Event): void {
    const priority = Number((event.target as HTMLInputElement).value);
    this.draft.update((draft) => ({ ...draft, priority }));
    this.preview.set(null);
  }

  /** First a dry run (the impact is shown), then the same change for real. */
  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.priorityError()) {
      return;
    }
    const dryRun = this.preview() === null;
    const body = registryPatch(this.entry(), this.draft(), dryRun);
    if (!body) {
      this.problem.set({
        type: 'about:blank',
        title: 'Nothing to save',
        status: 0,
        detail: 'Nothing changed.',
        code: 'NOTHING_TO_SAVE',
      });
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await firstValueFrom(
        this.api.updateEntry(this.entry().name, body),
      );
      if (dryRun) {
        this.preview.set(result);
      } else {
        this.saved.emit(result.entry);
      }
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
