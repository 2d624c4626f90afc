// Slot `server:tabs` (component `audit-logger-server-calls`): the calls of the server whose page
// shows the tab; the server id comes from the slot outlet's context.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';
import { CallLogBrowser } from './call-log-browser/call-log-browser';

@Component({
  selector: 'pb-audit-logger-server-calls',
  imports: [CallLogBrowser],
  template: `
    @if (serverId(); as serverId) {
    <pb-call-log-browser [serverId]="serverId" />
    } @else {
    <p class="problem" role="alert">
      This tab needs a server: it is shown on a server's page only.
    </p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLoggerServerCalls implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});

  protected readonly serverId = computed(() => this.context().serverId ?? '');
}
