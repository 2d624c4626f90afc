// Renders one build-time plugin component by id, with its context; an id this build does not
// carry (or whose code fails to load) shows a short notice instead.
import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type Type,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { catchError, from, map, of, startWith, switchMap } from 'rxjs';
import { loaderIn, PLUGIN_COMPONENTS } from '../plugin-components';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';

type HostState =
  | { status: 'loading' }
  | { status: 'ready'; component: Type<PluginUiComponent> }
  | { status: 'missing' }
  | { status: 'failed'; message: string };

@Component({
  selector: 'pb-plugin-component-host',
  imports: [NgComponentOutlet],
  template: `
    @let current = state(); @switch (current.status) { @case ('loading') {
    <p class="muted" role="status">Loading {{ pluginLabel() }}…</p>
    } @case ('ready') {
    <ng-container
      *ngComponentOutlet="current.component; inputs: inputs()"
    />
    } @case ('missing') {
    <p class="note" data-testid="plugin-ui-missing">
      {{ pluginLabel() }}: this plugin's UI is not part of this build
      (component <code>{{ componentId() }}</code>).
    </p>
    } @case ('failed') {
    <p class="problem" role="alert">
      {{ pluginLabel() }} could not be shown: {{ current.message }}
    </p>
    } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PluginComponentHost {
  private readonly registry = inject(PLUGIN_COMPONENTS);

  readonly componentId = input.required<string>();
  readonly plugin = input<string>('');
  readonly context = input<PluginUiContext>({});
  /** The slot entry's or route's title, added to the context. */
  readonly title = input<string | undefined>(undefined);

  protected readonly pluginLabel = computed(() => this.plugin() || 'Plugin');
  protected readonly inputs = computed(() => {
    const title = this.title();
    const context = this.context();
    return { context: title === undefined ? context : { ...context, title } };
  });

  protected readonly state = toSignal(
    toObservable(this.componentId).pipe(
      switchMap((id) => {
        const load = loaderIn(this.registry, id);
        if (!load) {
          return of<HostState>({ status: 'missing' });
        }
        return from(load()).pipe(
          map((component): HostState => ({ status: 'ready', component })),
          catchError((error: unknown) =>
            of<HostState>({
              status: 'failed',
              message:
                error instanceof Error
                  ? error.message
                  : 'its code did not load. Reload the page and try again.',
            }),
          ),
          startWith<HostState>({ status: 'loading' }),
        );
      }),
    ),
    { initialValue: { status: 'loading' } satisfies HostState },
  );
}
