import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Me } from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  choose,
  controlByLabel,
  flushMicrotasks,
  queryButton,
  text,
  typeInto,
} from '../../../testing/dom';
import {
  newMe,
  newPage,
  newProblem,
  newServerDetail,
  newServerSummary,
  newTeamRef,
} from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AuthService, ME_URL } from '../../core/auth/auth.service';
import { ServersPage } from './servers-page';

@Component({
  template: 'detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class DetailStub {}

describe('ServersPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let root: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'servers', component: ServersPage },
            { path: 'servers/:serverId', component: DetailStub },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await harness.fixture.whenStable();
  }

  async function signIn(me: Me): Promise<void> {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(me);
    await session;
  }

  function expectList(): TestRequest {
    return http.expectOne(
      (request) => request.method === 'GET' && request.url === '/api/servers',
    );
  }

  async function open(url: string, me: Me = newMe()): Promise<void> {
    await signIn(me);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ServersPage);
    root = harness.routeNativeElement as HTMLElement;
    await settle();
  }

  it('lists the servers of the page asked for', async () => {
    await open('/servers?q=prod&page=2');

    const request = expectList();
    expect(request.request.params.get('q')).toBe('prod');
    expect(request.request.params.get('limit')).toBe('20');
    expect(request.request.params.get('offset')).toBe('20');
    const server = newServerSummary({
      id: 'srv-1',
      name: 'production_tools',
      teamName: 'Engineering',
    });
    request.flush(newPage([server], { total: 21, offset: 20 }));
    await settle();

    const link = root.querySelector<HTMLAnchorElement>('tbody a');
    expect(link?.textContent).toBe('production_tools');
    expect(link?.getAttribute('href')).toBe('/servers/srv-1');
    expect(text(root)).toContain('Showing 21–21 of 21');
    expect(controlByLabel(root, 'Search servers').value).toBe('prod');
    expect(buttonByName(root, 'Previous page').disabled).toBe(false);
    expect(buttonByName(root, 'Next page').disabled).toBe(true);
  });

  it('searches on the server and starts again at page 1', async () => {
    await open('/servers?page=3');
    expectList().flush(
      newPage([newServerSummary()], { total: 41, offset: 40 }),
    );
    await settle();

    typeInto(controlByLabel(root, 'Search servers'), ' dev ');
    buttonByName(root, 'Search').click();
    await settle();

    expect(TestBed.inject(Router).url).toBe('/servers?q=dev');
    const request = expectList();
    expect(request.request.params.get('q')).toBe('dev');
    expect(request.request.params.get('offset')).toBe('0');
    request.flush(newPage([]));
    await settle();
    expect(text(root)).toContain('No servers match “dev”.');
  });

  it('pages forward', async () => {
    await open('/servers');
    expectList().flush(
      newPage(
        Array.from({ length: 20 }, () => newServerSummary()),
        { total: 25 },
      ),
    );
    await settle();
    expect(buttonByName(root, 'Previous page').disabled).toBe(true);

    buttonByName(root, 'Next page').click();
    await settle();

    expect(TestBed.inject(Router).url).toBe('/servers?page=2');
    expect(expectList().request.params.get('offset')).toBe('20');
  });

  it('shows the problem detail when the list fails', async () => {
    await open('/servers');

    expectList().flush(
      newProblem({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The database is not reachable.',
      }),
      {
        status: 503,
        statusText: 'Service Unavailable',
      },
    );
    await settle();

    expect(alerts(root)).toEqual(['The database is not reachable.']);
  });

  it('creates a server in one of my teams and opens it', async () => {
    const engineering = newTeamRef({ id: 'team-eng', name: 'Engineering' });
    const security = newTeamRef({ id: 'team-sec', name: 'Security' });
    await open('/servers', newMe({ teams: [engineering, security] }));
    expectList().flush(newPage([]));
    await settle();

    const team = controlByLabel<HTMLSelectElement>(root, 'Team');
    expect(
      Array.from(team.options).map((option) => option.textContent),
    ).toEqual(['Engineering', 'Security', 'No team (personal)']);
    expect(team.value).toBe('team-eng');
    typeInto(controlByLabel(root, 'Name'), 'staging_tools');
    choose(team, 'team-sec');
    buttonByName(root, 'Create server').click();
    await settle();

    const request = http.expectOne({ method: 'POST', url: '/api/servers' });
    expect(request.request.body).toEqual({
      name: 'staging_tools',
      teamId: 'team-sec',
    });
    request.flush(newServerDetail({ id: 'srv-new', name: 'staging_tools' }));
    await settle();

    expect(TestBed.inject(Router).url).toBe('/servers/srv-new');
  });

  it('shows why a server could not be created', async () => {
    await open('/servers');
    expectList().flush(newPage([]));
    await settle();

    buttonByName(root, 'Create server').click();
    await settle();
    http.expectNone({ method: 'POST', url: '/api/servers' });
    expect(text(root)).toContain('Give the server a name.');

    typeInto(controlByLabel(root, 'Name'), 'production_tools');
    buttonByName(root, 'Create server').click();
    await settle();
    http.expectOne({ method: 'POST', url: '/api/servers' }).flush(
      newProblem({
        status: 409,
        code: 'ALREADY_EXISTS',
        detail: 'A server named production_tools already exists.',
      }),
      {
        status: 409,
        statusText: 'Conflict',
      },
    );
    await settle();

    expect(alerts(root)).toEqual([
      'A server named production_tools already exists.',
    ]);
  });

  it('does not offer creating servers to viewers', async () => {
    await open('/servers', newMe({ platformRole: 'viewer', teams: [] }));
    expectList().flush(newPage([]));
    await settle();

    expect(queryButton(root, 'Create server')).toBeUndefined();
  });
});
