// Test playground (SPEC 9): run one plugin's hook on a sample payload with a config, see what it
// did, then save that config to a team, to My plugins or to a server where the caller may.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  HookName,
  PluginCatalogItem,
  PluginTestResult,
  ProblemDetails,
  ServerSummary,
} from '@plugboard/shared-contracts';
import { catchError, firstValueFrom, map, of, startWith } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { parseJsonObject } from '../../core/forms/form-result';
import {
  fieldErrorsOf,
  toProblem,
  type FieldErrors,
} from '../../core/http/problem';
import { PlaygroundApi } from '../../core/plugins/playground-api';
import { PluginSettingsApi } from '../../core/plugins/plugin-settings-api';
import { ServersApi } from '../../core/servers/servers-api';
import {
  buildTestRequest,
  editorErrors,
  keptHook,
  offeredHooks,
  playablePlugins,
  prettyJson,
  samplePayload,
  saveTargets,
  type SaveTarget,
} from './playground-form.util';

type CatalogState =
  | { status: 'loading' }
  | { status: 'ready'; plugins: PluginCatalogItem[]; hidden: number }
  | { status: 'error'; problem: ProblemDetails };

/** The caller's servers, for "save to server" (the API's largest page). */
const SERVER_LIMIT = 200;

@Component({
  selector: 'pb-playground-page',
  imports: [RouterLink],
  templateUrl: './playground-page.html',
  styleUrl: './playground-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaygroundPage {
  private readonly api = inject(PlaygroundApi);
  private readonly settingsApi = inject(PluginSettingsApi);
  private readonly auth = inject(AuthService);

  protected readonly catalog = toSignal(
    this.api.catalog().pipe(
      map((catalog): CatalogState => {
        const plugins = playablePlugins(catalog.items);
        return {
          status: 'ready',
          plugins,
          hidden: catalog.items.length - plugins.length,
        };
      }),
      catchError((error: unknown) =>
        of<CatalogState>({ status: 'error', problem: toProblem(error) }),
      ),
      startWith<CatalogState>({ status: 'loading' }),
    ),
    { initialValue: { status: 'loading' } satisfies CatalogState },
  );

  private readonly servers = toSignal(
    inject(ServersApi)
      .list({ limit: SERVER_LIMIT, offset: 0 })
      .pipe(
        map((page) => ({ items: page.items, problem: null })),
        catchError((error: unknown) =>
          of({ items: [] as ServerSummary[], problem: toProblem(error) }),
        ),
      ),
    { initialValue: { items: [] as ServerSummary[], problem: null } },
  );

  protected readonly pluginName = signal('');
  protected readonly hook = signal<HookName>('tool_pre_invoke');
  protected readonly configText = signal('{}');
  protected readonly payloadText = signal(
    prettyJson(samplePayload('tool_pre_invoke')),
  );
  protected readonly errors = signal<FieldErrors>({});
  protected readonly running = signal(false);
  protected readonly outcome = signal<PluginTestResult | null>(null);
  protected readonly runProblem = signal<ProblemDetails | null>(null);

  protected readonly plugin = computed(() => {
    const catalog = this.catalog();
    return catalog.status === 'ready'
      ? catalog.plugins.find((item) => item.name === this.pluginName())
      : undefined;
  });
  protected readonly hooks = computed(() => offeredHooks(this.plugin()));
  protected readonly configErrors = computed(() =>
    editorErrors(this.errors(), 'config'),
  );
  protected readonly payloadErrors = computed(() =>
    editorErrors(this.errors(), 'payload'),
  );
  protected readonly modifiedPayloadText = computed(() => {
    const outcome = this.outcome();
    return outcome && outcome.modifiedPayload !== null
      ? prettyJson(outcome.modifiedPayload)
      : '';
  });
  protected readonly violationDetails = computed(() => {
    const details = this.outcome()?.result.violation?.details;
    return details && Object.keys(details).length > 0
      ? prettyJson(details)
      : '';
  });

  // "Save config to…"
  protected readonly targets = computed<SaveTarget[]>(() => {
    const me = this.auth.me();
    const plugin = this.plugin();
    return me && plugin ? saveTargets(me, plugin, this.servers().items) : [];
  });
  protected readonly serversProblem = computed(
    () => this.servers().problem?.detail ?? '',
  );
  protected readonly targetKey = signal('');
  protected readonly target = computed(() =>
    this.targets().find((candidate) => candidate.key === this.targetKey()),
  );
  protected readonly saveEnabled = signal(true);
  protected readonly saving = signal(false);
  protected readonly saveProblem = signal<ProblemDetails | null>(null);
  /** The server's field errors of a failed save, each naming its field. */
  protected readonly saveErrors = computed(() => {
    const problem = this.saveProblem();
    return problem
      ? Object.entries(fieldErrorsOf(problem)).map(
          ([key, message]) => `${key}: ${message}`,
        )
      : [];
  });
  protected readonly saved = signal<SaveTarget | null>(null);

  protected selectPlugin(event: Event): void {
    const name = (event.target as HTMLSelectElement).value;
    this.pluginName.set(name);
    const plugin = this.plugin();
    this.configText.set(prettyJson(plugin?.defaultConfig ?? {}));
    this.switchHook(keptHook(this.hook(), this.hooks()));
    this.clearResults();
    this.targetKey.set('');
  }

  protected selectHook(event: Event): void {
    this.switchHook((event.target as HTMLSelectElement).value as HookName);
    this.clearResults();
  }

  protected editConfig(event: Event): void {
    this.configText.set((event.target as HTMLTextAreaElement).value);
    this.clearError('config');
  }

  protected editPayload(event: Event): void {
    this.payloadText.set((event.target as HTMLTextAreaElement).value);
    this.clearError('payload');
  }

  protected useSample(): void {
    this.payloadText.set(prettyJson(samplePayload(this.hook())));
    this.clearError('payload');
  }

  protected useDefaultConfig(): void {
    this.configText.set(prettyJson(this.plugin()?.defaultConfig ?? {}));
    this.clearError('config');
  }

  protected async run(event: Event): Promise<void> {
    event.preventDefault();
    if (this.running() || this.hooks().length === 0) {
      return;
    }
    const request = buildTestRequest(
      this.pluginName(),
      this.hook(),
      this.configText(),
      this.payloadText(),
    );
    this.runProblem.set(null);
    if (!request.ok) {
      this.errors.set(request.errors);
      this.outcome.set(null);
      focusFirstInvalid(event);
      return;
    }
    this.errors.set({});
    this.running.set(true);
    try {
      this.outcome.set(await firstValueFrom(this.api.test(request.value)));
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.outcome.set(null);
      this.runProblem.set(problem);
      this.errors.set(fieldErrorsOf(problem));
    } finally {
      this.running.set(false);
    }
  }

  protected selectTarget(event: Event): void {
    this.targetKey.set((event.target as HTMLSelectElement).value);
    this.saveProblem.set(null);
    this.saved.set(null);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const target = this.target();
    const plugin = this.plugin();
    if (this.saving() || !target || !plugin) {
      return;
    }
    const config = parseJsonObject(this.configText().trim() || '{}');
    this.saved.set(null);
    this.saveProblem.set(null);
    if (!config.ok) {
      this.errors.update((errors) => ({ ...errors, config: config.message }));
      return;
    }
    this.saving.set(true);
    try {
      await firstValueFrom(
        this.settingsApi.replace(target.scope, plugin.name, {
          enabled: this.saveEnabled(),
          config: config.value,
        }),
      );
      this.saved.set(target);
    } catch (error: unknown) {
      this.saveProblem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  private switchHook(next: HookName): void {
    // Follow the hook with its sample unless the payload was edited.
    if (
      this.payloadText().trim() === prettyJson(samplePayload(this.hook())).trim()
    ) {
      this.payloadText.set(prettyJson(samplePayload(next)));
    }
    this.hook.set(next);
  }

  private clearResults(): void {
    this.outcome.set(null);
    this.runProblem.set(null);
    this.errors.set({});
    this.saved.set(null);
    this.saveProblem.set(null);
  }

  private clearError(editor: 'config' | 'payload'): void {
    this.errors.update((errors) =>
      Object.fromEntries(
        Object.entries(errors).filter(
          ([key]) => key !== editor && !key.startsWith(`${editor}.`),
        ),
      ),
    );
  }
}

function focusFirstInvalid(event: Event): void {
  const form = event.target as HTMLFormElement | null;
  // After the errors render: the first editor marked invalid gets the focus.
  setTimeout(() =>
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  );
}
