// The caller's notifications: GET /api/notifications and POST /api/notifications/:id/read.
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  NotificationPage,
  NotificationView,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export const NOTIFICATIONS_URL = '/api/notifications';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(limit = 20): Observable<NotificationPage> {
    const params = new HttpParams().set('limit', limit);
    return this.http.get<NotificationPage>(NOTIFICATIONS_URL, { params });
  }

  markRead(id: string): Observable<NotificationView> {
    return this.http.post<NotificationView>(
      `${NOTIFICATIONS_URL}/${encodeURIComponent(id)}/read`,
      {},
    );
  }
}
