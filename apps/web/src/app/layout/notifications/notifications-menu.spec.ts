import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import {
  alerts,
  buttonByName,
  flushMicrotasks,
  text,
} from '../../../testing/dom';
import {
  newNotification,
  newNotificationPage,
  newProblem,
} from '../../../testing/factories';
import { NOTIFICATIONS_URL } from '../../core/notifications/notifications-api';
import { NotificationsMenu } from './notifications-menu';

describe('NotificationsMenu', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<NotificationsMenu>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(NotificationsMenu);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the unread count and marks one read from the panel', async () => {
    const root = await render();
    const unread = newNotification({ id: 'n1', title: 'X is now mandatory' });
    const read = newNotification({
      id: 'n2',
      readAt: '2026-11-23T11:00:00.000Z',
    });
    http
      .expectOne((r) => r.url === NOTIFICATIONS_URL)
      .flush(newNotificationPage([unread, read]));
    await settle();

    expect(
      root.querySelector('[data-testid="unread-count"]')?.textContent?.trim(),
    ).toBe('1');
    const toggle = buttonByName(root, 'Notifications, 1 unread');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = root.querySelector(
      '[data-testid="notifications-panel"]',
    ) as HTMLElement;
    expect(text(panel)).toContain('X is now mandatory');

    buttonByName(root, 'Mark read: X is now mandatory').click();
    http
      .expectOne({ method: 'POST', url: `${NOTIFICATIONS_URL}/n1/read` })
      .flush({ ...unread, readAt: '2026-11-23T12:00:00.000Z' });
    await settle();

    expect(root.querySelector('[data-testid="unread-count"]')).toBeNull();
    expect(buttonByName(root, 'Notifications, 0 unread')).toBeTruthy();
    expect(root.querySelectorAll('button').length).toBe(1);
  });

  it('shows the problem’s detail when loading fails', async () => {
    const root = await render();
    http
      .expectOne((r) => r.url === NOTIFICATIONS_URL)
      .flush(newProblem({ status: 500, detail: 'Database down' }), {
        status: 500,
        statusText: 'Server Error',
      });
    await settle();

    expect(alerts(root)).toEqual(['Database down']);
  });
});
