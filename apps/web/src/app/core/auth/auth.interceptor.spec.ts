import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { flushMicrotasks } from '../../../testing/dom';
import { newMe, newProblem } from '../../../testing/factories';
import { authInterceptor } from './auth.interceptor';
import { AuthService, LOGIN_URL, ME_URL } from './auth.service';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let router: Router;
  let auth: AuthService;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: Blank },
          { path: 'servers', component: Blank },
          { path: 'servers/:id', component: Blank },
        ]),
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    auth = TestBed.inject(AuthService);
    await router.navigateByUrl('/servers/abc');
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const session = auth.ensureSession();
    http.expectOne(ME_URL).flush(newMe());
    await session;
  }

  it('sends the session cookie with API calls only', () => {
    void firstValueFrom(client.get('/api/servers'));
    void firstValueFrom(client.get('https://cdn.example.com/api/thing'));
    void firstValueFrom(client.get('/assets/config.json'));

    expect(http.expectOne('/api/servers').request.withCredentials).toBe(true);
    expect(
      http.expectOne('https://cdn.example.com/api/thing').request
        .withCredentials,
    ).toBe(false);
    expect(http.expectOne('/assets/config.json').request.withCredentials).toBe(
      false,
    );
  });

  it('on a 401 forgets the session and goes to sign-in, coming back here afterwards', async () => {
    await signIn();

    const call = firstValueFrom(client.get('/api/servers/abc'));
    http
      .expectOne('/api/servers/abc')
      .flush(
        newProblem({ status: 401, code: 'UNAUTHENTICATED' }),
        UNAUTHORIZED,
      );

    await expect(call).rejects.toMatchObject({ status: 401 });
    await flushMicrotasks();
    expect(auth.me()).toBeNull();
    expect(router.url).toBe('/sign-in?returnUrl=%2Fservers%2Fabc');
  });

  it.each([ME_URL, `${ME_URL}?fresh=1`, LOGIN_URL, '/api/auth/logout'])(
    'leaves a 401 from %s to its caller',
    async (url) => {
      await signIn();

      const call = firstValueFrom(client.post(url, {}));
      http.expectOne(url).flush(newProblem({ status: 401 }), UNAUTHORIZED);

      await expect(call).rejects.toMatchObject({ status: 401 });
      await flushMicrotasks();
      expect(router.url).toBe('/servers/abc');
      expect(auth.me()).not.toBeNull();
    },
  );

  it('passes other errors through untouched', async () => {
    await signIn();

    const call = firstValueFrom(client.get('/api/servers/abc'));
    http
      .expectOne('/api/servers/abc')
      .flush(newProblem({ status: 403, code: 'FORBIDDEN' }), {
        status: 403,
        statusText: 'Forbidden',
      });

    await expect(call).rejects.toMatchObject({ status: 403 });
    await flushMicrotasks();
    expect(router.url).toBe('/servers/abc');
    expect(auth.me()).not.toBeNull();
  });

  it('does not stack sign-in redirects when already on sign-in', async () => {
    await router.navigateByUrl('/sign-in?returnUrl=%2Fservers');

    const call = firstValueFrom(client.get('/api/servers'));
    http
      .expectOne('/api/servers')
      .flush(newProblem({ status: 401 }), UNAUTHORIZED);

    await expect(call).rejects.toMatchObject({ status: 401 });
    await flushMicrotasks();
    expect(router.url).toBe('/sign-in?returnUrl=%2Fservers');
  });
});
