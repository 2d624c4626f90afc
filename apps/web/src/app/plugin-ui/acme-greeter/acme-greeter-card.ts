// Slot `home:after-projects` (component `acme-greeter-card`): links to the greeter page when the
// caller may open it (holders of the plugin's "greeter" role, platform admins), else says how.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { BootstrapService } from '../../core/bootstrap/bootstrap.service';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';
import { ACME_GREETER_PAGE_PATH } from './acme-greeter-api';

@Component({
  selector: 'pb-acme-greeter-card',
  imports: [RouterLink],
  template: `
    <div data-testid="acme-greeter-card">
      @if (canBeGreeted()) {
      <p>The Acme Greeter has a greeting for you.</p>
      <p><a [routerLink]="'/' + pagePath">Open the greeter</a></p>
      } @else {
      <p>
        The Acme Greeter greets holders of its
        <code>greeter</code> role. Ask a platform admin to grant it to you.
      </p>
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcmeGreeterCard implements PluginUiComponent {
  private readonly bootstrap = inject(BootstrapService);

  readonly context = input<PluginUiContext>({});

  protected readonly pagePath = ACME_GREETER_PAGE_PATH;

  /** The payload lists the greeter page only for callers who may open it; the API checks again. */
  protected readonly canBeGreeted = computed(
    () => this.bootstrap.routeAt(ACME_GREETER_PAGE_PATH) !== undefined,
  );
}
