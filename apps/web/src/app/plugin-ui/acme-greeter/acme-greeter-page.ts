// Route `ext/acme-greeter` (component `acme-greeter-page`): asks the plugin's route for a greeting.
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ProblemDetails } from '@plugboard/shared-contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { toProblem } from '../../core/http/problem';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';
import { AcmeGreeterApi, type Greeting } from './acme-greeter-api';

type GreetingState =
  | { status: 'loading' }
  | { status: 'ready'; greeting: Greeting }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-acme-greeter-page',
  template: `
    <div class="page">
      <h1>{{ context().title ?? 'Greeter' }}</h1>
      <p class="hint">From the example plugin Acme Greeter.</p>
      <div aria-live="polite">
        @let current = state(); @switch (current.status) { @case ('loading') {
        <p class="muted" role="status">Asking for a greeting…</p>
        } @case ('ready') {
        <p class="card greeting" data-testid="acme-greeting">
          {{ current.greeting.greeting }}
        </p>
        } @case ('error') {
        <p class="problem" role="alert">{{ current.problem.detail }}</p>
        } }
      </div>
    </div>
  `,
  styles: `
    .greeting {
      font-size: 1.25rem;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcmeGreeterPage implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});

  protected readonly state = toSignal(
    inject(AcmeGreeterApi)
      .hello()
      .pipe(
        map((greeting): GreetingState => ({ status: 'ready', greeting })),
        catchError((error: unknown) =>
          of<GreetingState>({ status: 'error', problem: toProblem(error) }),
        ),
        startWith<GreetingState>({ status: 'loading' }),
      ),
    { initialValue: { status: 'loading' } satisfies GreetingState },
  );
}
