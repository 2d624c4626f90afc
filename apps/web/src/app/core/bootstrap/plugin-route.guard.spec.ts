import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  input,
  type Type,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Title } from '@angular/platform-browser';
import { flushMicrotasks, text } from '../../../testing/dom';
import { newBootstrapPayload, newMe } from '../../../testing/factories';
import { PLUGIN_COMPONENTS } from '../../plugin-ui/plugin-components';
import { PluginRoutePage } from '../../plugin-ui/plugin-route-page/plugin-route-page';
import type {
  PluginUiComponent,
  PluginUiContext,
} from '../../plugin-ui/plugin-ui.types';
import { authGuard } from '../auth/auth.guard';
import { ME_URL } from '../auth/auth.service';
import { BOOTSTRAP_URL, BootstrapService } from './bootstrap.service';
import {
  pluginRouteGuard,
  pluginRouteMatcher,
  pluginRouteTitle,
} from './plugin-route.guard';

@Component({
  template: '<h1>Greeter stub: {{ context().title }}</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class GreeterStub implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});
}

@Component({
  template: '<h1>Not found stub</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class NotFoundStub {}

@Component({
  template: '<h1>Servers stub</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ServersStub {}

const GREETER_ROUTE = {
  plugin: 'AcmeGreeterPlugin',
  path: 'ext/acme-greeter',
  component: 'acme-greeter-page',
  title: 'Greeter',
};

describe('plugin routes', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: PLUGIN_COMPONENTS,
          useValue: {
            'acme-greeter-page': () =>
              Promise.resolve(GreeterStub as Type<PluginUiComponent>),
          },
        },
        provideRouter([
          { path: 'sign-in', component: ServersStub },
          {
            path: '',
            canActivateChild: [authGuard],
            children: [
              { path: 'servers', component: ServersStub },
              {
                matcher: pluginRouteMatcher,
                canMatch: [pluginRouteGuard],
                title: pluginRouteTitle,
                component: PluginRoutePage,
              },
            ],
          },
          { path: '**', component: NotFoundStub },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Navigates while answering /users/me and /bootstrap as the API would. */
  async function navigate(
    url: string,
    routes = [GREETER_ROUTE],
  ): Promise<RouterTestingHarness> {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(newMe({ id: 'user-1' }));
    await flushMicrotasks();
    http.expectOne(BOOTSTRAP_URL).flush(newBootstrapPayload({ routes }));
    await navigation;
    await harness.fixture.whenStable();
    // The plugin component's code loads asynchronously.
    await flushMicrotasks();
    await harness.fixture.whenStable();
    return harness;
  }

  it('renders the component of a route the payload lists, with its title', async () => {
    const harness = await navigate('/ext/acme-greeter');

    expect(text(harness.routeNativeElement as HTMLElement)).toBe(
      'Greeter stub: Greeter',
    );
    expect(TestBed.inject(Title).getTitle()).toBe('Greeter · Plugboard');
    expect(TestBed.inject(Router).url).toBe('/ext/acme-greeter');
  });

  it('shows the not-found page for a path no plugin registers for the caller', async () => {
    const harness = await navigate('/ext/acme-greeter', []);

    expect(text(harness.routeNativeElement as HTMLElement)).toBe(
      'Not found stub',
    );
    expect(TestBed.inject(Router).url).toBe('/ext/acme-greeter');
  });

  it('does not let a plugin route shadow a page of the app', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/servers');
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(newMe());
    await navigation;

    expect(text(harness.routeNativeElement as HTMLElement)).toBe(
      'Servers stub',
    );
    http.expectNone(BOOTSTRAP_URL);
  });

  it('sends a signed-out visitor to sign-in', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/ext/acme-greeter');
    await flushMicrotasks();
    http
      .expectOne(ME_URL)
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await flushMicrotasks();
    http
      .match(ME_URL)
      .forEach((request) =>
        request.flush(null, { status: 401, statusText: 'Unauthorized' }),
      );
    await navigation;

    expect(TestBed.inject(Router).url).toBe(
      '/sign-in?returnUrl=%2Fext%2Facme-greeter',
    );
  });

  it('takes the page away when a reload of the payload drops the route', async () => {
    const harness = await navigate('/ext/acme-greeter');
    const reloaded = TestBed.inject(BootstrapService).reload('user-1');
    http.expectOne(BOOTSTRAP_URL).flush(newBootstrapPayload({ routes: [] }));
    await reloaded;
    await harness.fixture.whenStable();

    expect(text(harness.routeNativeElement as HTMLElement)).toContain(
      'Page not found',
    );
  });
});
