// The page behind every plugin route: finds the route the bootstrap payload registers at the
// current URL and renders its build-time component. The router only gets here for a known path
// (pluginRouteGuard); if the plugin goes away meanwhile, the page says so.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { BootstrapService } from '../../core/bootstrap/bootstrap.service';
import { pathOf } from '../../core/bootstrap/plugin-route.guard';
import { PluginComponentHost } from '../plugin-component-host/plugin-component-host';

@Component({
  selector: 'pb-plugin-route-page',
  imports: [PluginComponentHost, RouterLink],
  template: `
    @if (problem(); as problem) {
    <div class="page">
      <h1>Plugin page</h1>
      <p class="problem" role="alert">
        The plugin pages could not be loaded: {{ problem.detail }}
      </p>
    </div>
    } @else if (entry(); as entry) {
    <pb-plugin-component-host
      [componentId]="entry.component"
      [plugin]="entry.plugin"
      [title]="entry.title"
    />
    } @else {
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. The plugin that served it may have
        been disabled, or you may no longer hold the role it needs.
      </p>
      <p><a routerLink="/servers">Go to servers</a></p>
    </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PluginRoutePage {
  private readonly bootstrap = inject(BootstrapService);
  private readonly path = toSignal(
    inject(ActivatedRoute).url.pipe(map((segments) => pathOf(segments))),
    { initialValue: '' },
  );

  protected readonly problem = this.bootstrap.problem;
  /** Follows the payload: a reload after a role or registry change can take the page away. */
  protected readonly entry = computed(() =>
    this.bootstrap.routeAt(this.path()),
  );
}
