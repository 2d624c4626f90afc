// Top bar notifications: the unread count on a button that opens a small list with "Mark read".
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import type {
  NotificationView,
  ProblemDetails,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/problem';
import { NotificationsApi } from '../../core/notifications/notifications-api';

@Component({
  selector: 'pb-notifications-menu',
  templateUrl: './notifications-menu.html',
  styleUrl: './notifications-menu.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'open.set(false)' },
})
export class NotificationsMenu implements OnInit {
  private readonly api = inject(NotificationsApi);

  protected readonly items = signal<NotificationView[]>([]);
  protected readonly unread = signal(0);
  protected readonly open = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly buttonLabel = computed(() =>
    this.unread() === 1
      ? 'Notifications, 1 unread'
      : `Notifications, ${this.unread()} unread`,
  );

  ngOnInit(): void {
    void this.load();
  }

  protected toggle(): void {
    this.open.update((open) => !open);
  }

  protected async markRead(item: NotificationView): Promise<void> {
    this.problem.set(null);
    try {
      const read = await firstValueFrom(this.api.markRead(item.id));
      this.items.update((items) =>
        items.map((candidate) => (candidate.id === read.id ? read : candidate)),
      );
      if (item.readAt === null) {
        this.unread.update((count) => Math.max(0, count - 1));
      }
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    }
  }

  private async load(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list());
      this.items.set(page.items);
      this.unread.set(page.unreadCount);
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    }
  }
}
