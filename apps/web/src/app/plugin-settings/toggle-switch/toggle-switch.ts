// An on/off switch: a real button with role="switch", so Space/Enter toggle it and screen
// readers announce "on"/"off". The state lives with the caller.
import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';

@Component({
  selector: 'pb-toggle-switch',
  template: `<button
    type="button"
    role="switch"
    class="switch"
    [attr.aria-checked]="checked()"
    [attr.aria-label]="label()"
    [attr.aria-describedby]="describedBy()"
    [attr.title]="hint()"
    [disabled]="disabled()"
    (click)="toggled.emit(!checked())"
  >
    <span class="track" aria-hidden="true"><span class="thumb"></span></span>
    <span class="state" aria-hidden="true">{{ checked() ? 'On' : 'Off' }}</span>
  </button>`,
  styleUrl: './toggle-switch.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleSwitch {
  readonly checked = input.required<boolean>();
  readonly label = input.required<string>();
  readonly disabled = input(false);
  /** Id of the text that explains the switch (e.g. why it is disabled). */
  readonly describedBy = input<string | null>(null);
  /** Tooltip, e.g. why it is disabled. */
  readonly hint = input<string | null>(null);
  readonly toggled = output<boolean>();
}
