// A named slot (SPEC 9): every entry the bootstrap payload lists for it, each in its own section.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { SlotName } from '@plugboard/shared-contracts';
import { BootstrapService } from '../../core/bootstrap/bootstrap.service';
import { PluginComponentHost } from '../plugin-component-host/plugin-component-host';
import type { PluginUiContext } from '../plugin-ui.types';

@Component({
  selector: 'pb-plugin-slot',
  imports: [PluginComponentHost],
  template: `
    @for (entry of entries(); track entry.plugin + '#' + entry.id) {
    <section
      class="card plugin-slot-entry"
      [attr.aria-labelledby]="headingId(entry.plugin, entry.id)"
      [attr.data-slot]="name()"
      [attr.data-plugin]="entry.plugin"
    >
      <h2 class="slot-title" [id]="headingId(entry.plugin, entry.id)">
        {{ entry.title ?? entry.plugin }}
      </h2>
      <pb-plugin-component-host
        [componentId]="entry.component"
        [plugin]="entry.plugin"
        [title]="entry.title"
        [context]="context()"
      />
    </section>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    :host:empty {
      display: none;
    }
    .slot-title {
      font-size: 1.125rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PluginSlot {
  private readonly bootstrap = inject(BootstrapService);

  readonly name = input.required<SlotName>();
  readonly context = input<PluginUiContext>({});

  protected readonly entries = computed(() =>
    this.bootstrap.slot(this.name())(),
  );

  protected headingId(plugin: string, id: string): string {
    return `slot-${this.name()}-${plugin}-${id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  }
}
