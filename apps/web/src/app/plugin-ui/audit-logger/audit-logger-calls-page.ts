// Route `ext/audit-logger/calls` (component `audit-logger-calls`): every server's tool calls.
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';
import { CallLogBrowser } from './call-log-browser/call-log-browser';

@Component({
  selector: 'pb-audit-logger-calls-page',
  imports: [CallLogBrowser],
  template: `
    <div class="page">
      <h1>{{ context().title ?? 'Tool calls' }}</h1>
      <p class="hint">
        Every tool call the Audit Logger recorded, newest first.
      </p>
      <pb-call-log-browser />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLoggerCallsPage implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});
}
