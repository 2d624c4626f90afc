import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  newBootstrapPayload,
  newPluginSlotEntry,
  newProblem,
} from '../../../testing/factories';
import { BOOTSTRAP_URL, BootstrapService } from './bootstrap.service';

describe('BootstrapService', () => {
  let http: HttpTestingController;
  let service: BootstrapService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(BootstrapService);
  });

  afterEach(() => http.verify());

  it('asks once per user, however many callers wait, and exposes the payload as signals', async () => {
    const first = service.ensureLoaded('user-1');
    const second = service.ensureLoaded('user-1');
    expect(service.state()).toEqual({ status: 'loading', userId: 'user-1' });
    const card = newPluginSlotEntry({ slot: 'home:after-projects' });
    http.expectOne(BOOTSTRAP_URL).flush(
      newBootstrapPayload({
        menu: [
          {
            plugin: 'AcmeGreeterPlugin',
            id: 'acme-greeter',
            label: 'Greeter',
            route: '/ext/acme-greeter',
          },
        ],
        routes: [
          {
            plugin: 'AcmeGreeterPlugin',
            path: 'ext/acme-greeter',
            component: 'acme-greeter-page',
            title: 'Greeter',
          },
        ],
        slots: { 'home:after-projects': [card] },
      }),
    );
    await Promise.all([first, second]);

    expect(service.menu().map((item) => item.id)).toEqual(['acme-greeter']);
    expect(service.slot('home:after-projects')()).toEqual([card]);
    expect(service.slot('server:tabs')()).toEqual([]);
    await service.ensureLoaded('user-1');
    http.expectNone(BOOTSTRAP_URL);
  });

  it('finds a route by path whatever slashes surround it', async () => {
    const loaded = service.ensureLoaded('user-1');
    http.expectOne(BOOTSTRAP_URL).flush(
      newBootstrapPayload({
        routes: [
          {
            plugin: 'AuditLoggerPlugin',
            path: '/ext/audit-logger/calls',
            component: 'audit-logger-calls',
          },
        ],
      }),
    );
    await loaded;

    expect(service.routeAt('ext/audit-logger/calls')?.component).toBe(
      'audit-logger-calls',
    );
    expect(service.routeAt('/ext/audit-logger/calls/')).toBeDefined();
    expect(service.routeAt('ext/audit-logger')).toBeUndefined();
  });

  it('keeps the problem when the payload cannot be loaded, and loads again for another user', async () => {
    const loaded = service.ensureLoaded('user-1');
    http
      .expectOne(BOOTSTRAP_URL)
      .flush(newProblem({ status: 503, detail: 'Database unreachable' }), {
        status: 503,
        statusText: 'Service Unavailable',
      });
    await loaded;
    expect(service.problem()?.detail).toBe('Database unreachable');
    expect(service.menu()).toEqual([]);

    const other = service.ensureLoaded('user-2');
    http.expectOne(BOOTSTRAP_URL).flush(newBootstrapPayload());
    await other;
    expect(service.state().status).toBe('ready');
  });

  it('forgets everything on clear, and ignores an answer that arrives after it', async () => {
    const loaded = service.ensureLoaded('user-1');
    service.clear();
    http.expectOne(BOOTSTRAP_URL).flush(
      newBootstrapPayload({
        menu: [
          { plugin: 'P', id: 'late', label: 'Late', route: '/ext/late' },
        ],
      }),
    );
    await loaded;

    expect(service.state()).toEqual({ status: 'idle' });
    expect(service.menu()).toEqual([]);
  });
});
