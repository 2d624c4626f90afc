import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { BootstrapPayload, Me } from '@plugboard/shared-contracts';
import {
  buttonByName,
  flushMicrotasks,
  queryButton,
  text,
} from '../testing/dom';
import {
  newBootstrapPayload,
  newMe,
  newNotificationPage,
  newTeamRef,
} from '../testing/factories';
import { App } from './app';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService, LOGOUT_URL, ME_URL } from './core/auth/auth.service';
import {
  BOOTSTRAP_URL,
  BootstrapService,
} from './core/bootstrap/bootstrap.service';
import { NOTIFICATIONS_URL } from './core/notifications/notifications-api';

@Component({
  template: '<h1>page</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class PageStub {}

describe('App shell', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: PageStub },
          { path: 'servers', component: PageStub },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    for (const request of http.match(
      (r) => r.url === NOTIFICATIONS_URL && r.method === 'GET',
    )) {
      request.flush(newNotificationPage([]));
    }
    for (const request of http.match(BOOTSTRAP_URL)) {
      request.flush(newBootstrapPayload());
    }
    http.verify();
  });

  /** Answers the bootstrap request the shell sends once someone is signed in. */
  async function answerBootstrap(payload: BootstrapPayload): Promise<void> {
    http.expectOne(BOOTSTRAP_URL).flush(payload);
    await flushMicrotasks();
  }

  async function signIn(me: Me): Promise<void> {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(me);
    await session;
  }

  it('has no top bar while signed out', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('pb-top-bar')).toBeNull();
    expect(queryButton(fixture.nativeElement, 'Sign out')).toBeUndefined();
  });

  it('shows who is signed in, their role and teams', async () => {
    await signIn(
      newMe({
        displayName: 'Alice Example',
        platformRole: 'user',
        teams: [
          newTeamRef({ name: 'Engineering', role: 'member' }),
          newTeamRef({ name: 'Security', role: 'owner' }),
        ],
      }),
    );
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const bar = fixture.nativeElement.querySelector(
      'pb-top-bar',
    ) as HTMLElement;

    expect(bar.querySelector('[data-testid="user-name"]')?.textContent).toBe(
      'Alice Example',
    );
    expect(bar.querySelector('[data-testid="user-role"]')?.textContent).toBe(
      'user',
    );
    expect(
      Array.from(bar.querySelectorAll('.teams li')).map((item) =>
        text(item as HTMLElement),
      ),
    ).toEqual(['Engineering (member)', 'Security (owner)']);
  });

  it('links to servers, teams, my plugins and each team’s plugins', async () => {
    await signIn(
      newMe({
        teams: [newTeamRef({ id: 'team-eng', name: 'Engineering' })],
      }),
    );
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const bar = fixture.nativeElement.querySelector(
      'pb-top-bar',
    ) as HTMLElement;

    const nav = bar.querySelector('nav[aria-label="Main"]') as HTMLElement;
    expect(
      Array.from(nav.querySelectorAll('a')).map((link) => [
        link.textContent?.trim(),
        link.getAttribute('href'),
      ]),
    ).toEqual([
      ['Servers', '/servers'],
      ['Teams', '/teams'],
      ['My plugins', '/me/plugins'],
      ['Playground', '/playground'],
    ]);
    const team = bar.querySelector('.teams a') as HTMLAnchorElement;
    expect(team.getAttribute('aria-label')).toBe('Engineering plugins');
    expect(team.getAttribute('href')).toBe('/teams/team-eng/plugins');
  });

  it('shows the admin pages in the nav to platform admins only', async () => {
    await signIn(newMe({ platformRole: 'admin' }));
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const nav = fixture.nativeElement.querySelector(
      'nav[aria-label="Main"]',
    ) as HTMLElement;

    expect(
      Array.from(nav.querySelectorAll('a')).map((link) =>
        link.getAttribute('href'),
      ),
    ).toEqual([
      '/servers',
      '/teams',
      '/me/plugins',
      '/playground',
      '/admin/plugins',
      '/admin/audit-log',
      '/admin/usage',
    ]);
  });

  it('loads the plugin menu after sign-in: routes as router links, http(s) links in a new tab without opener', async () => {
    await signIn(newMe());
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerBootstrap(
      newBootstrapPayload({
        menu: [
          {
            plugin: 'AcmeGreeterPlugin',
            id: 'acme-greeter',
            label: 'Greeter',
            route: '/ext/acme-greeter',
            order: 50,
          },
          {
            plugin: 'DocsPlugin',
            id: 'docs',
            label: 'Docs',
            href: 'https://docs.example.com/plugboard',
            order: 60,
          },
          {
            plugin: 'EvilPlugin',
            id: 'evil',
            label: 'Evil',
            href: 'javascript:alert(1)',
          },
        ],
      }),
    );
    await fixture.whenStable();
    const nav = fixture.nativeElement.querySelector(
      'nav[aria-label="Main"]',
    ) as HTMLElement;

    const greeter = nav.querySelector(
      'a[data-plugin="AcmeGreeterPlugin"]',
    ) as HTMLAnchorElement;
    expect(greeter.textContent?.trim()).toBe('Greeter');
    expect(greeter.getAttribute('href')).toBe('/ext/acme-greeter');
    expect(greeter.getAttribute('target')).toBeNull();

    const docs = nav.querySelector(
      'a[data-plugin="DocsPlugin"]',
    ) as HTMLAnchorElement;
    expect(docs.getAttribute('href')).toBe('https://docs.example.com/plugboard');
    expect(docs.getAttribute('rel')).toBe('noopener noreferrer');
    expect(docs.getAttribute('target')).toBe('_blank');
    expect(text(docs)).toBe('Docs (opens in a new tab)');

    expect(nav.querySelector('a[data-plugin="EvilPlugin"]')).toBeNull();
  });

  it('loads the plugin UI again for the next user and drops it on sign-out', async () => {
    await signIn(newMe({ id: 'user-a' }));
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerBootstrap(
      newBootstrapPayload({
        menu: [
          {
            plugin: 'AcmeGreeterPlugin',
            id: 'acme-greeter',
            label: 'Greeter',
            route: '/ext/acme-greeter',
          },
        ],
      }),
    );
    await fixture.whenStable();
    expect(
      fixture.nativeElement.querySelector('a[data-plugin="AcmeGreeterPlugin"]'),
    ).not.toBeNull();

    buttonByName(fixture.nativeElement, 'Sign out').click();
    http
      .expectOne({ method: 'POST', url: LOGOUT_URL })
      .flush(null, { status: 204, statusText: 'No Content' });
    await flushMicrotasks();
    await fixture.whenStable();
    http.expectNone(BOOTSTRAP_URL);

    await signIn(newMe({ id: 'user-b' }));
    await fixture.whenStable();
    await answerBootstrap(newBootstrapPayload());
    await fixture.whenStable();
    expect(
      fixture.nativeElement.querySelector('a[data-plugin="AcmeGreeterPlugin"]'),
    ).toBeNull();
  });

  it('says why the plugin UI is missing when the bootstrap payload cannot be loaded', async () => {
    await signIn(newMe());
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    http
      .expectOne(BOOTSTRAP_URL)
      .flush(
        { detail: 'The plugin registry is unreachable', status: 503 },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await flushMicrotasks();
    await fixture.whenStable();
    // Once: a failed load is not retried in a loop.
    http.expectNone(BOOTSTRAP_URL);
    expect(TestBed.inject(BootstrapService).state().status).toBe('error');

    expect(
      text(fixture.nativeElement.querySelector('[role="alert"]') as HTMLElement),
    ).toBe(
      'Plugin menu items and panels could not be loaded: The plugin registry is unreachable',
    );
    expect(
      fixture.nativeElement.querySelector('nav[aria-label="Main"]'),
    ).not.toBeNull();
  });

  it('signs out and returns to sign-in', async () => {
    await signIn(newMe());
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/servers');
    await fixture.whenStable();

    buttonByName(fixture.nativeElement, 'Sign out').click();
    http
      .expectOne({ method: 'POST', url: LOGOUT_URL })
      .flush(null, { status: 204, statusText: 'No Content' });
    await flushMicrotasks();
    await fixture.whenStable();

    expect(TestBed.inject(AuthService).me()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect(fixture.nativeElement.querySelector('pb-top-bar')).toBeNull();
  });
});
