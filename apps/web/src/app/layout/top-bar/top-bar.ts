import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { Me, PluginMenuItem } from '@plugboard/shared-contracts';
import { menuLinkOf } from '../../core/bootstrap/plugin-links.util';
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
  /** Menu items plugins contribute (GET /api/bootstrap), already filtered for the caller. */
  readonly pluginMenu = input<readonly PluginMenuItem[]>([]);
  readonly signOut = output();

  protected readonly pluginLinks = computed(() =>
    this.pluginMenu().flatMap((item) => {
      const link = menuLinkOf(item);
      return link ? [{ item, link }] : [];
    }),
  );

  protected readonly isAdmin = computed(
    () => this.user().platformRole === 'admin',
  );
}
