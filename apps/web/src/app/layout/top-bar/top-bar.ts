import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { Me } from '@plugboard/shared-contracts';
import { NotificationsMenu } from '../notifications/notifications-menu';

@Component({
  selector: 'pb-top-bar',
  imports: [RouterLink, RouterLinkActive, NotificationsMenu],
  templateUrl: './top-bar.html',
  styleUrl: './top-bar.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBar {
  readonly user = input.required<Me>();
  readonly signOut = output();

  protected readonly isAdmin = computed(
    () => this.user().platformRole === 'admin',
  );
}
